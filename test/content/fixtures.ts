// Builds article Markdown for tests and benchmarks: a valid article by default, any part overridable.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';

export interface FixtureSentence {
  text: string;
  /** Raw tag bodies as written between backticks, e.g. `org: Harbor City Council`. */
  tags: string[];
}

export interface FixtureQuestion {
  prompt: string;
  choices: { text: string; correct: boolean }[];
  explanation: string;
}

export interface ArticleParts {
  frontMatter: Record<string, unknown>;
  reading: FixtureSentence[];
  questions: FixtureQuestion[];
}

export interface ArticleOverrides {
  /** Varies every part deterministically; 0 gives the plain default article. */
  seed?: number;
  /** Front-matter fields to set or replace; a value of `undefined` removes the field. */
  frontMatter?: Record<string, unknown>;
  reading?: FixtureSentence[];
  questions?: FixtureQuestion[];
}

const TOPICS = ['ai', 'open-source', 'infrastructure', 'iot', 'energy', 'security', 'databases', 'space'];
const AUDIENCES = ['City engineers', 'IoT developers', 'Backend developers', 'Researchers & academics'];
const KINDS = ['org', 'tech', 'location', 'concept', 'person', 'event'];
const WORDS = ['sensor', 'bridge', 'network', 'gateway', 'girder', 'tender', 'feed', 'council', 'alarm'];

const pick = <T>(list: readonly T[], index: number): T => list[index % list.length] as T;
const pad = (value: number) => String(value).padStart(2, '0');

function question(seed: number, index: number): FixtureQuestion {
  const count = 2 + ((seed + index) % 4);
  const correct = (seed * 7 + index) % count;
  return {
    prompt: `Question ${index + 1} of article ${seed}: what did the ${pick(WORDS, seed + index)} report show?`,
    choices: Array.from({ length: count }, (_, choice) => ({
      text: `Answer ${choice + 1}: the ${pick(WORDS, seed + index + choice)} ${choice === correct ? 'worked' : 'failed'}`,
      correct: choice === correct,
    })),
    explanation: `The article says the ${pick(WORDS, seed + index)} worked as planned (note ${seed}.${index}).`,
  };
}

/** A valid article's parts. Seed 0 is the plain default; other seeds vary sizes, tags and dates. */
export function articleParts(seed = 0): ArticleParts {
  const columns = ['Aspect', 'Before', 'After', 'Cost'].slice(0, 2 + (seed % 3));
  const rowCount = 1 + (seed % 5);
  const timelineCount = 1 + (seed % 4);
  const year = 2020 + (seed % 6);
  const frontMatter: Record<string, unknown> = {
    id: seed === 0 ? 'harbor-bridge-sensors' : `article-${seed}`,
    title:
      seed === 0
        ? 'Harbor City fits its old bridge with strain sensors'
        : `Report ${seed} on the city network`,
    source: { name: 'Example Civic News', url: `https://example.org/news/${seed}` },
    published: `${year + 1}-${pad(1 + (seed % 12))}-${pad(1 + (seed % 28))}`,
    topics: [pick(TOPICS, seed), pick(TOPICS, seed + 3)],
    audience: [pick(AUDIENCES, seed), pick(AUDIENCES, seed + 1)],
    hook: 'A 1960s bridge now reports its own stress levels every ten seconds.',
    tldr: {
      whatChanged: 'Harbor City installed 240 strain and temperature sensors on its main bridge.',
      whyItMatters: 'Inspections move from a yearly visit to continuous data, so cracks show up early.',
      whatToDoNext: 'Cities with ageing bridges can ask for the open data feed and the tender documents.',
    },
    takeaways: Array.from(
      { length: 1 + (seed % 4) },
      (_, index) => `Takeaway ${index + 1}: the ${pick(WORDS, seed + index)} sends readings to a gateway.`,
    ),
    comparison: {
      columns,
      rows: Array.from({ length: rowCount }, (_, row) =>
        columns.map((column, cell) =>
          cell === 0 ? `Row ${row + 1}` : `${column} ${pick(WORDS, row + cell)}`,
        ),
      ),
    },
    deepDive: Array.from(
      { length: 1 + (seed % 3) },
      (_, index) =>
        `Paragraph ${index + 1}: each gauge measures micro-strain on a steel girder ${seed} times.`,
    ),
    implications: [
      {
        claim: 'Other cities in the region will copy the set-up within two years.',
        rationale: 'The tender documents are public and the cost was lower than one lane closure.',
      },
    ],
    timeline: Array.from({ length: timelineCount }, (_, index) => ({
      date: index % 2 === 0 ? `${year}-${pad(index + 1)}` : `${year}-${pad(index + 1)}-15`,
      event: `Milestone ${index + 1} for the ${pick(WORDS, seed + index)} project.`,
    })),
  };
  if (seed % 2 === 1) frontMatter.image = `https://example.org/images/${seed}.png`;
  const readingCount = seed === 0 ? 2 : 2 + (seed % 5);
  const reading = Array.from({ length: readingCount }, (_, index) => ({
    text: `Sentence ${index + 1}: Harbor City has fitted its main ${pick(WORDS, seed + index)} with sensors.`,
    tags: Array.from(
      { length: (seed + index) % 4 },
      (_, tag) => `${pick(KINDS, seed + index + tag)}: ${pick(WORDS, tag)} ${tag + 1}`,
    ),
  }));
  if (seed === 0) {
    reading[0] = {
      text: 'Harbor City has fitted its main bridge with 240 sensors that report strain and temperature.',
      tags: ['location: Harbor City', 'tech: strain sensor'],
    };
    reading[1] = { text: 'Engineers now see stress building up long before a crack is visible.', tags: [] };
  }
  const questions = Array.from({ length: seed === 0 ? 2 : 5 + (seed % 3) }, (_, index) =>
    question(seed, index),
  );
  return { frontMatter, reading, questions };
}

/** Renders parts as an article file: YAML front matter, then `## Reading` and `## Questions`. */
export function renderArticle(parts: ArticleParts): string {
  const lines = [
    '---',
    stringify(parts.frontMatter, { lineWidth: 0 }).trimEnd(),
    '---',
    '',
    '## Reading',
    '',
  ];
  parts.reading.forEach((sentence, index) => {
    lines.push(`${index + 1}. ${sentence.text}`);
    if (sentence.tags.length > 0) lines.push(`   ${sentence.tags.map((tag) => `\`${tag}\``).join(' ')}`);
  });
  lines.push('', '## Questions');
  for (const item of parts.questions) {
    lines.push('', `### ${item.prompt}`, '');
    for (const choice of item.choices) lines.push(`- [${choice.correct ? 'x' : ' '}] ${choice.text}`);
    lines.push('', `> ${item.explanation}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The article's parts after applying overrides. */
export function buildParts(overrides: ArticleOverrides = {}): ArticleParts {
  const parts = articleParts(overrides.seed);
  const frontMatter = { ...parts.frontMatter };
  for (const [key, value] of Object.entries(overrides.frontMatter ?? {})) {
    if (value === undefined) delete frontMatter[key];
    else frontMatter[key] = value;
  }
  return {
    frontMatter,
    reading: overrides.reading ?? parts.reading,
    questions: overrides.questions ?? parts.questions,
  };
}

/** A valid article as Markdown text, with overrides applied. */
export function articleMarkdown(overrides: ArticleOverrides = {}): string {
  return renderArticle(buildParts(overrides));
}

/** The 1-based line of the first line of `text` that contains `needle`; throws when there is none. */
export function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`"${needle}" is not in the text`);
  return index + 1;
}

/** A fresh folder under the OS temp dir; `remove` deletes it with everything in it. */
export async function tempFolder(
  prefix = 'newsquiz-content-',
): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Writes a file (text or raw bytes) below `dir`, creating sub-folders; returns its full path. */
export async function writeArticle(dir: string, name: string, content: string | Uint8Array): Promise<string> {
  const path = join(dir, name);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
  return path;
}
