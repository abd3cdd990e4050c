import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadContent } from '../../src/content/load-content.ts';
import { MAX_ARTICLE_BYTES } from '../../src/content/read-article-file.ts';
import {
  type ArticleParts,
  articleMarkdown,
  buildParts,
  type FixtureQuestion,
  lineOf,
  renderArticle,
  tempFolder,
  writeArticle,
} from './fixtures.ts';

let dir: string;
let remove: () => Promise<void>;

beforeEach(async () => {
  ({ dir, remove } = await tempFolder());
});
afterEach(async () => {
  await remove();
});

/** What the loader should produce for the parts a fixture was rendered from. */
function expectedArticle(parts: ArticleParts) {
  return {
    ...parts.frontMatter,
    reading: parts.reading.map((sentence) => ({
      text: sentence.text,
      entities: sentence.tags.map((tag) => {
        const [type, name] = tag.split(': ');
        return { type, name };
      }),
    })),
    questions: parts.questions,
  };
}

describe('a valid folder', () => {
  test('a valid article loads with every field of its brief, reading and quiz', async () => {
    await writeArticle(dir, 'harbor.md', articleMarkdown());

    const { articles, errors, files } = await loadContent(dir);

    expect(errors).toEqual([]);
    expect(files).toBe(1);
    expect(articles).toHaveLength(1);
    const loaded = articles[0];
    expect(loaded?.file).toBe(join(dir, 'harbor.md'));
    expect(loaded?.article).toEqual(expectedArticle(buildParts()));
    expect(loaded?.article.id).toBe('harbor-bridge-sensors');
    expect(loaded?.article.source).toEqual({ name: 'Example Civic News', url: 'https://example.org/news/0' });
    expect(loaded?.article.reading[0]?.entities).toEqual([
      { type: 'location', name: 'Harbor City' },
      { type: 'tech', name: 'strain sensor' },
    ]);
    expect(loaded?.article.reading[1]?.entities).toEqual([]);
    expect(loaded?.article.questions[1]?.choices.map((choice) => choice.correct)).toEqual([
      false,
      true,
      false,
    ]);
    expect(loaded?.article).not.toHaveProperty('image');
  });

  test.each([1, 6, 13])(
    'a varied article (seed %i) loads exactly as written, optional image included',
    async (seed) => {
      await writeArticle(dir, `article-${seed}.md`, articleMarkdown({ seed }));

      const { articles, errors } = await loadContent(dir);

      expect(errors).toEqual([]);
      expect(articles[0]?.article).toEqual(expectedArticle(buildParts({ seed })));
    },
  );

  test('sub-folders are read recursively, while READMEs, drafts and hidden files are not articles', async () => {
    await writeArticle(dir, 'top.md', articleMarkdown({ seed: 1 }));
    await writeArticle(dir, 'news/2026/deep.md', articleMarkdown({ seed: 2 }));
    await writeArticle(dir, 'news/side.md', articleMarkdown({ seed: 3 }));
    // None of these is valid; loading them would produce errors.
    await writeArticle(dir, 'README.md', '# How to write content\n');
    await writeArticle(dir, 'news/readme.md', 'notes');
    await writeArticle(dir, '_draft.md', 'half a thought');
    await writeArticle(dir, 'news/_draft.md', '---\nid: Not A Slug\n---\n');
    await writeArticle(dir, '_drafts/unfinished.md', 'work in progress');
    await writeArticle(dir, '.trash/old.md', 'deleted');
    await writeArticle(dir, 'notes.txt', 'not markdown');

    const { articles, errors, files } = await loadContent(dir);

    expect(errors).toEqual([]);
    expect(files).toBe(3);
    expect(articles.map(({ article }) => article.id).sort()).toEqual(['article-1', 'article-2', 'article-3']);
    expect(articles.find(({ article }) => article.id === 'article-2')?.file).toBe(
      join(dir, 'news', '2026', 'deep.md'),
    );
  });

  test('a README written as an article is reported, not skipped silently; drafts and hidden files are listed as skipped', async () => {
    await writeArticle(dir, 'top.md', articleMarkdown({ seed: 1 }));
    await writeArticle(dir, 'readme.md', articleMarkdown({ seed: 2 }));
    await writeArticle(dir, 'news/README.md', '# Notes about this folder\n');
    await writeArticle(dir, '_draft.md', articleMarkdown({ seed: 3 }));
    await writeArticle(dir, '.hidden.md', 'hidden');
    await writeArticle(dir, '_drafts/unfinished.md', 'work in progress');

    const { articles, errors, skipped } = await loadContent(dir);

    expect(articles.map((entry) => entry.file)).toEqual([join(dir, 'top.md')]);
    expect(errors).toEqual([
      {
        file: join(dir, 'readme.md'),
        path: '',
        message:
          'is an article named README, and files named README hold notes about the folder, so it is not loaded; rename it (e.g. readme-article.md) to publish it',
      },
    ]);
    expect(skipped).toEqual([
      { file: join(dir, '.hidden.md'), reason: 'hidden: its name starts with a dot' },
      { file: join(dir, '_draft.md'), reason: 'a draft: its name starts with _ (drop the _ to publish it)' },
      {
        file: join(dir, '_drafts'),
        reason: 'a folder of drafts: its name starts with _ (drop the _ to publish what it holds)',
      },
    ]);
  });

  test('audience may be one line separated by commas, as the README shows it, or a list', async () => {
    await writeArticle(
      dir,
      'a.md',
      articleMarkdown({ seed: 1, frontMatter: { audience: 'City engineers, IoT developers' } }),
    );
    await writeArticle(
      dir,
      'b.md',
      articleMarkdown({ seed: 2, frontMatter: { audience: ['Researchers & academics'] } }),
    );
    const empty = articleMarkdown({ seed: 3, frontMatter: { audience: ' , ' } });
    const emptyPath = await writeArticle(dir, 'c.md', empty);

    const { articles, errors } = await loadContent(dir);

    expect(articles.map(({ article }) => article.audience)).toEqual([
      ['City engineers', 'IoT developers'],
      ['Researchers & academics'],
    ]);
    expect(errors).toEqual([
      {
        file: emptyPath,
        line: lineOf(empty, 'audience:'),
        path: 'audience',
        message: 'needs at least 1 audience, e.g. "City engineers, IoT developers"',
      },
    ]);
  });

  test('an empty folder loads no articles and no errors', async () => {
    expect(await loadContent(dir)).toEqual({
      articles: [],
      errors: [],
      files: 0,
      unreadable: [],
      sources: { folders: [dir], files: [] },
      skipped: [],
    });
  });

  test('a folder that does not exist is one error naming it and CONTENT_DIR, saying what to do', async () => {
    const missing = join(dir, 'nope');

    const { articles, errors } = await loadContent(missing);

    expect(articles).toEqual([]);
    expect(errors).toEqual([
      {
        file: '',
        path: '',
        message: `CONTENT_DIR points to ${missing}, which does not exist; create it or set CONTENT_DIR to the folder that holds your articles (default ./content)`,
      },
    ]);
  });
});

const right = (text: string) => ({ text, correct: true });
const wrong = (text: string) => ({ text, correct: false });

function question(change: Partial<FixtureQuestion> = {}): FixtureQuestion {
  return {
    prompt: 'What do the new sensors on the bridge measure?',
    choices: [right('Strain and temperature'), wrong('Traffic speed'), wrong('Wind direction only')],
    explanation: 'The article says the 240 sensors report strain and temperature every ten seconds.',
    ...change,
  };
}

/** The default article whose only question is changed as given. */
const withQuestion = (change: Partial<FixtureQuestion>) =>
  renderArticle({ ...buildParts(), questions: [question(change)] });

interface BadCase {
  name: string;
  content: string | Uint8Array;
  path: string;
  message: RegExp;
  /** The line the error must point at; `null` when the problem is the whole file. */
  line: number | null | ((content: string) => number);
}

const LONG_CHOICE = `A choice that goes on ${'and on '.repeat(54)}`.trim();
const LONG_PROMPT = `Which of these ${'very '.repeat(60)}long words is right?`;
const LONG_EXPLANATION = `Because ${'the text says so '.repeat(13)}`.trim();
const atLine = (needle: string) => (content: string) => lineOf(content, needle);

const badCases: BadCase[] = [
  {
    name: 'malformed YAML (an unclosed quote)',
    content: articleMarkdown().replace('title: Harbor', 'title: "Harbor'),
    path: 'title',
    message: /^front matter is not valid YAML: Missing closing "quote$/,
    line: atLine('title: "Harbor'),
  },
  {
    name: 'malformed YAML (a mis-indented key)',
    content: articleMarkdown().replace('  name: Example', ' name: Example'),
    path: 'source',
    message: /^front matter is not valid YAML: /,
    line: atLine(' name: Example'),
  },
  {
    name: 'malformed YAML (an unclosed quote in the hook, with fields after it)',
    content: articleMarkdown().replace(/^hook: .*$/m, 'hook: "A 1960s bridge'),
    path: 'hook',
    message: /^front matter is not valid YAML: Missing closing "quote$/,
    line: atLine('hook: "A 1960s'),
  },
  {
    name: "malformed YAML (an unclosed single quote, reported by YAML at the front matter's end)",
    content: articleMarkdown().replace(/^hook: .*$/m, "hook: 'A 1960s bridge"),
    path: 'hook',
    message: /^front matter is not valid YAML: Missing closing 'quote$/,
    line: atLine("hook: 'A 1960s"),
  },
  {
    name: 'malformed YAML (an unclosed flow sequence, reported by YAML on the next line)',
    content: articleMarkdown().replace(/^hook: .*$/m, 'hook: [unclosed'),
    path: 'hook',
    message: /^front matter is not valid YAML: Flow sequence .* end with a \]$/,
    line: atLine('hook: [unclosed'),
  },
  {
    name: 'malformed YAML (an unclosed quote in a list item)',
    content: articleMarkdown().replace(
      '  - "Takeaway 1: the sensor sends readings to a gateway."',
      '  - "Takeaway 1',
    ),
    path: 'takeaways',
    message: /^front matter is not valid YAML: Missing closing "quote$/,
    line: atLine('  - "Takeaway 1'),
  },
  {
    // YAML reads the over-indented line as more of the value above, and reports that value.
    name: 'malformed YAML (a nested key indented too far)',
    content: articleMarkdown().replace('  whyItMatters:', '    whyItMatters:'),
    path: 'tldr',
    message: /^front matter is not valid YAML: Nested mappings are not allowed in compact mappings$/,
    line: atLine('  whatChanged:'),
  },
  {
    name: 'malformed YAML (a tab as indentation)',
    content: articleMarkdown().replace('  whyItMatters:', '\twhyItMatters:'),
    path: 'tldr',
    message: /^front matter is not valid YAML: Tabs are not allowed as indentation$/,
    line: atLine('\twhyItMatters:'),
  },
  {
    name: 'malformed YAML (a key without its colon names no field)',
    content: articleMarkdown().replace(/^hook: .*$/m, 'hook'),
    path: '',
    message: /^front matter is not valid YAML: /,
    line: atLine('hook'),
  },
  {
    name: 'a missing required field (hook)',
    content: articleMarkdown({ frontMatter: { hook: undefined } }),
    path: 'hook',
    message: /^is required$/,
    line: 2,
  },
  {
    name: 'a field with the wrong type (hook is a list)',
    content: articleMarkdown({ frontMatter: { hook: ['one', 'two'] } }),
    path: 'hook',
    message: /^expected text$/,
    line: atLine('hook:'),
  },
  {
    name: 'two correct choices',
    content: withQuestion({ choices: [right('Strain'), right('Temperature'), wrong('Traffic')] }),
    path: 'questions.0.choices',
    message: /^needs exactly one correct choice, found 2$/,
    line: atLine('### What do the new sensors'),
  },
  {
    name: 'no correct choice',
    content: withQuestion({ choices: [wrong('Strain'), wrong('Temperature'), wrong('Traffic')] }),
    path: 'questions.0.choices',
    message: /^needs exactly one correct choice, found 0$/,
    line: atLine('### What do the new sensors'),
  },
  {
    name: 'a 400-character choice',
    content: withQuestion({ choices: [right('Strain'), wrong(LONG_CHOICE)] }),
    path: 'questions.0.choices.1.text',
    message: /^must be at most 80 characters$/,
    line: atLine('- [ ] A choice that goes on'),
  },
  {
    name: 'a repeated choice (ignoring case)',
    content: withQuestion({
      choices: [right('Strain and temperature'), wrong('Traffic speed'), wrong('strain and temperature')],
    }),
    path: 'questions.0.choices.2.text',
    message: /^repeats choices\.0 \("strain and temperature"\); every choice must differ$/,
    line: atLine('- [ ] strain and temperature'),
  },
  {
    name: 'a single choice',
    content: withQuestion({ choices: [right('Strain and temperature')] }),
    path: 'questions.0.choices',
    message: /^needs at least 2 choices$/,
    line: atLine('### What do the new sensors'),
  },
  {
    name: 'six choices',
    content: withQuestion({
      choices: [right('One'), wrong('Two'), wrong('Three'), wrong('Four'), wrong('Five'), wrong('Six')],
    }),
    path: 'questions.0.choices',
    message: /^allows at most 5 choices$/,
    line: atLine('### What do the new sensors'),
  },
  {
    name: 'a question longer than 300 characters',
    content: withQuestion({ prompt: LONG_PROMPT }),
    path: 'questions.0.prompt',
    message: /^must be at most 300 characters$/,
    line: atLine('### Which of these very'),
  },
  {
    name: 'an explanation longer than 200 characters',
    content: withQuestion({ explanation: LONG_EXPLANATION }),
    path: 'questions.0.explanation',
    message: /^must be at most 200 characters$/,
    line: atLine('> Because the text says so'),
  },
  {
    name: 'a choice line in the wrong form',
    content: withQuestion({}).replace('- [ ] Traffic speed', '- Traffic speed'),
    path: 'questions.0',
    message: /^expected "- \[ \] choice", "- \[x\] correct choice" or "> explanation"$/,
    line: atLine('- Traffic speed'),
  },
  {
    name: 'an empty file',
    content: '',
    path: '',
    message: /^file is empty; an article starts with a "---" front matter block$/,
    line: null,
  },
  {
    name: 'a file that is not UTF-8',
    content: Buffer.concat([
      Buffer.from('---\nid: broken\ntitle: '),
      Buffer.from([0xff, 0xfe, 0x41]),
      Buffer.from('\n---\n'),
    ]),
    path: '',
    message: /^file is not valid UTF-8 text; save it as UTF-8$/,
    line: null,
  },
  {
    name: 'a file without front matter',
    content: '# Harbor City\n\nJust prose.\n',
    path: '',
    message: /^expected the file to start with a "---" front matter line$/,
    line: 1,
  },
  {
    name: 'a source URL that is not http(s)',
    content: articleMarkdown({ frontMatter: { source: { name: 'Example', url: 'ftp://example.org/file' } } }),
    path: 'source.url',
    message: /^expected an http\(s\) URL starting with https:\/\/, such as https:\/\/example.org\/story$/,
    line: atLine('url: ftp://'),
  },
  {
    name: 'an impossible date (30 February)',
    content: articleMarkdown({ frontMatter: { published: '2026-02-30' } }),
    path: 'published',
    message: /^expected a real date such as 2026-03-02/,
    line: atLine('published: 2026-02-30'),
  },
  {
    name: 'a timeline out of order',
    content: articleMarkdown({
      frontMatter: {
        timeline: [
          { date: '2025-09', event: 'The council approves the project.' },
          { date: '2024-01-15', event: 'The sensors go live.' },
        ],
      },
    }),
    path: 'timeline.1.date',
    message: /^2024-01-15 comes before 2025-09; list the timeline oldest first$/,
    line: atLine('date: 2024-01-15'),
  },
  {
    name: 'a table row narrower than the columns',
    content: articleMarkdown({
      frontMatter: {
        comparison: {
          columns: ['Aspect', 'Before', 'After'],
          rows: [
            ['Inspection', 'Yearly check', 'Continuous'],
            ['Alerting', 'Manual report'],
          ],
        },
      },
    }),
    path: 'comparison.rows.1',
    message: /^has 2 cells but the table has 3 columns$/,
    line: atLine('- - Alerting'),
  },
  {
    name: 'an unknown entity kind',
    content: renderArticle({
      ...buildParts(),
      reading: [{ text: 'Harbor City bought a new gadget.', tags: ['location: Harbor City', 'gadget: X'] }],
    }),
    path: 'reading.0.entities.1.type',
    message: /^expected one of org, tech, location, concept, person, event$/,
    line: atLine('`gadget: X`'),
  },
  {
    name: 'an entity tag without a kind',
    content: renderArticle({
      ...buildParts(),
      reading: [{ text: 'Harbor City bought a new gadget.', tags: ['Harbor City'] }],
    }),
    path: 'reading.0.entities.0',
    message: /^tag `Harbor City` should look like `org: DeepSeek`/,
    line: atLine('`Harbor City`'),
  },
  {
    name: 'an unknown front-matter field',
    content: articleMarkdown({ frontMatter: { colour: 'blue' } }),
    path: 'colour',
    message: /^unknown field$/,
    line: atLine('colour: blue'),
  },
  {
    name: 'a misspelt front-matter field (takeaway: for takeaways:)',
    content: articleMarkdown({ frontMatter: { takeaways: undefined, takeaway: ['The sensors send data.'] } }),
    path: 'takeaway',
    message: /^unknown field; did you mean "takeaways"\?$/,
    line: atLine('takeaway:'),
  },
  {
    name: 'questions placed in the front matter',
    content: articleMarkdown({ frontMatter: { questions: [question()] } }),
    path: 'questions',
    message: /^belongs in the body under "## Questions", not in the front matter$/,
    line: atLine('questions:'),
  },
  {
    name: 'reading placed in the front matter',
    content: articleMarkdown({ frontMatter: { reading: ['Harbor City has fitted its bridge.'] } }),
    path: 'reading',
    message: /^belongs in the body under "## Reading", not in the front matter$/,
    line: atLine('reading:'),
  },
  {
    name: 'an unknown body section',
    content: articleMarkdown().replace('## Questions', '## Notes\n\nSome notes.\n\n## Questions'),
    path: '',
    message: /^unknown section "## Notes"; the body has "## Reading" and "## Questions"$/,
    line: atLine('## Notes'),
  },
];

describe('a folder with one bad file', () => {
  test.each(badCases)('$name: exactly one located error, and the other article still loads', async (bad) => {
    const badPath = await writeArticle(dir, 'news/bad.md', bad.content);
    await writeArticle(dir, 'good.md', articleMarkdown({ seed: 1 }));

    const { articles, errors, files } = await loadContent(dir);

    expect(files).toBe(2);
    expect(articles.map(({ article }) => article.id)).toEqual(['article-1']);
    expect(errors).toHaveLength(1);
    const [error] = errors;
    expect(error?.file).toBe(badPath);
    expect(error?.path).toBe(bad.path);
    expect(error?.message).toMatch(bad.message);
    const line = typeof bad.line === 'function' ? bad.line(String(bad.content)) : bad.line;
    expect(error?.line).toBe(line ?? undefined);
  });

  test('a duplicate id is reported on the second file, naming the first, and the first one wins', async () => {
    const first = await writeArticle(
      dir,
      'a-first.md',
      articleMarkdown({ frontMatter: { title: 'The original' } }),
    );
    const second = await writeArticle(
      dir,
      'later/b-copy.md',
      articleMarkdown({ frontMatter: { title: 'A copy' } }),
    );
    await writeArticle(dir, 'other.md', articleMarkdown({ seed: 1 }));

    const { articles, errors } = await loadContent(dir);

    expect(errors).toEqual([
      {
        file: second,
        line: 2,
        path: 'id',
        message: `"harbor-bridge-sensors" is already used by ${first}; ids must be unique`,
      },
    ]);
    expect(articles.map(({ article }) => [article.id, article.title]).sort()).toEqual([
      ['article-1', 'Report 1 on the city network'],
      ['harbor-bridge-sensors', 'The original'],
    ]);
  });

  test('a 10 MB file is refused by its size, quickly, without parsing it', async () => {
    const huge = `${articleMarkdown()}\n${'Harbor City has fitted its bridge with sensors. '.repeat(220_000)}\n`;
    expect(Buffer.byteLength(huge)).toBeGreaterThan(10 * 1024 * 1024);
    const hugePath = await writeArticle(dir, 'huge.md', huge);
    await writeArticle(dir, 'good.md', articleMarkdown({ seed: 1 }));

    const started = performance.now();
    const { articles, errors } = await loadContent(dir);
    const elapsed = performance.now() - started;

    expect(errors).toHaveLength(1);
    expect(errors[0]?.file).toBe(hugePath);
    expect(errors[0]?.message).toMatch(/^file is 10\.\d MB; an article may be at most 256 KB$/);
    expect(MAX_ARTICLE_BYTES).toBe(256 * 1024);
    expect(articles.map(({ article }) => article.id)).toEqual(['article-1']);
    expect(elapsed).toBeLessThan(500);
  });

  test('several bad files each report their own error and the good ones all load', async () => {
    await writeArticle(dir, 'a.md', articleMarkdown({ seed: 1 }));
    await writeArticle(dir, 'b.md', '');
    await writeArticle(dir, 'c.md', articleMarkdown({ seed: 2, frontMatter: { published: '2026-13-01' } }));
    await writeArticle(dir, 'd.md', articleMarkdown({ seed: 3 }));

    const { articles, errors } = await loadContent(dir);

    expect(articles.map(({ article }) => article.id)).toEqual(['article-1', 'article-3']);
    expect(errors.map((error) => [error.file, error.path])).toEqual([
      [join(dir, 'b.md'), ''],
      [join(dir, 'c.md'), 'published'],
    ]);
  });
});

describe('an article without written questions', () => {
  const orgSentences = [
    { text: 'Huawei signed the sensor contract with the city.', tags: ['org: Huawei'] },
    { text: 'The gateways come from NVIDIA.', tags: ['org: NVIDIA'] },
    { text: 'Orbitlink carries the readings by satellite.', tags: ['org: Orbitlink'] },
    { text: 'The council pays Westmark Grid for backup power.', tags: ['org: Westmark Grid'] },
  ];

  test('loads with questions generated from its focus sentences when enough can be made', async () => {
    const text = articleMarkdown({ reading: orgSentences, questions: [] }).replace(/\n## Questions\n/, '\n');
    await writeArticle(dir, 'generated.md', text);

    const { articles, errors } = await loadContent(dir);

    expect(errors).toEqual([]);
    expect(articles[0]?.generated).toBe(4);
    expect(articles[0]?.article.questions.map((question) => question.prompt)).toEqual([
      '___ signed the sensor contract with the city.',
      'The gateways come from ___.',
      '___ carries the readings by satellite.',
      'The council pays ___ for backup power.',
    ]);
  });

  test('that cannot reach 3 questions is an error on its questions line, naming why for each sentence', async () => {
    const reading = [
      ...orgSentences.slice(0, 2),
      { text: 'Engineers see stress early.', tags: [] },
      { text: 'The bridge is old.', tags: ['tech: strain sensor'] },
    ];
    const text = articleMarkdown({ reading, questions: [] });
    await writeArticle(dir, 'thin.md', text);

    const { articles, errors } = await loadContent(dir);

    expect(articles).toEqual([]);
    expect(errors).toEqual([
      {
        file: join(dir, 'thin.md'),
        line: lineOf(text, '## Questions'),
        path: 'questions',
        message:
          'has no written questions and only 0 can be generated from the focus sentences (reading.0 org "Huawei" has 1 of 3 distractors (other org tags in the library); reading.1 org "NVIDIA" has 1 of 3 distractors (other org tags in the library); reading.2 has no tags; reading.3 "strain sensor" does not appear in the sentence); a quiz needs at least 3: write questions under "## Questions", or tag more focus sentences with entities that appear in their text',
      },
    ]);
  });
});
