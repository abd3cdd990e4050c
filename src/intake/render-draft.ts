// Writes a draft as an article file in the library's format; a field left to the author is empty with a
// `# TODO:` comment above it (never a placeholder), so content:check names it until it is written.
import type { Draft, DraftField } from './draft.ts';
import { KEYS_LINE } from './imported-stories.ts';

export interface DraftHeader {
  /** The address the story was imported from (the page, or the feed item's link). */
  from: string;
  /** When it was imported. */
  at: Date;
  /** The feed it came through, if any. */
  feed?: string | undefined;
  /** The story's keys (story-identity.ts), so the draft itself says which story it is. */
  keys: readonly string[];
}

/** A YAML scalar that reads back as exactly this string: JSON's double-quoted form is valid YAML. */
const scalar = (value: string) => JSON.stringify(value);
const flow = (values: readonly string[]) => `[${values.map(scalar).join(', ')}]`;
/** Comment text on one line: nothing in it can end the comment or start YAML or Markdown. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').replace(/-->/g, '-- >').trim();

export function renderDraft(draft: Draft, header: DraftHeader): string {
  const { article, todo } = draft;
  const lines: string[] = [];
  const note = (field: DraftField, indent = '') => {
    const text = todo[field];
    if (text) lines.push(`${indent}# TODO: ${oneLine(text)}`);
  };
  const field = (name: string, value: string, key: DraftField, indent = '') => {
    note(key, indent);
    lines.push(`${indent}${name}: ${value}`);
  };

  lines.push('---');
  lines.push(
    `# Draft imported by "npm run content:import" from ${oneLine(header.from)}${header.feed ? ` (feed ${oneLine(header.feed)})` : ''} on ${header.at.toISOString().slice(0, 10)}, drafter: ${oneLine(draft.drafter)}.`,
    '# Each "# TODO:" marks a field still to write; content:check names what is missing. The focus sentences',
    '# are quoted from the article as written: keep them verbatim. Move the file out of _drafts/ to publish it.',
    `${KEYS_LINE}${header.keys.map(oneLine).join(' ')}`,
  );
  lines.push(`id: ${article.id}`);
  field('title', scalar(article.title), 'title');
  lines.push('source:');
  field('name', scalar(article.source.name), 'source.name', '  ');
  field('url', scalar(article.source.url), 'source.url', '  ');
  field('published', scalar(article.published), 'published');
  field('topics', `[${article.topics.join(', ')}]`, 'topics');
  field('audience', flow(article.audience), 'audience');
  if (article.image) lines.push(`image: ${scalar(article.image)}`);
  field('hook', scalar(article.hook), 'hook');
  lines.push('tldr:');
  field('whatChanged', scalar(article.tldr.whatChanged), 'tldr.whatChanged', '  ');
  field('whyItMatters', scalar(article.tldr.whyItMatters), 'tldr.whyItMatters', '  ');
  field('whatToDoNext', scalar(article.tldr.whatToDoNext), 'tldr.whatToDoNext', '  ');

  note('takeaways');
  lines.push(article.takeaways.length === 0 ? 'takeaways: []' : 'takeaways:');
  for (const takeaway of article.takeaways) lines.push(`  - ${scalar(takeaway)}`);

  note('comparison');
  lines.push('comparison:');
  lines.push(`  columns: ${flow(article.comparison?.columns ?? [])}`);
  if (!article.comparison || article.comparison.rows.length === 0) lines.push('  rows: []');
  else {
    lines.push('  rows:');
    for (const row of article.comparison.rows) lines.push(`    - ${flow(row)}`);
  }

  note('deepDive');
  lines.push(article.deepDive.length === 0 ? 'deepDive: []' : 'deepDive:');
  for (const paragraph of article.deepDive) lines.push(`  - ${scalar(paragraph)}`);

  note('implications');
  lines.push(article.implications.length === 0 ? 'implications: []' : 'implications:');
  for (const { claim, rationale } of article.implications) {
    lines.push(`  - claim: ${scalar(claim)}`, `    rationale: ${scalar(rationale)}`);
  }

  note('timeline');
  lines.push(article.timeline.length === 0 ? 'timeline: []' : 'timeline:');
  for (const { date, event } of article.timeline)
    lines.push(`  - date: ${scalar(date)}`, `    event: ${scalar(event)}`);
  lines.push('---', '', '## Reading');
  if (todo.reading) lines.push(`<!-- TODO: ${oneLine(todo.reading)} -->`);
  lines.push('');
  article.reading.forEach((sentence, index) => {
    lines.push(`${index + 1}. ${oneLine(sentence.text)}`);
    if (sentence.entities.length > 0) {
      lines.push(
        `   ${sentence.entities.map((entity) => `\`${entity.type}: ${oneLine(entity.name)}\``).join(' ')}`,
      );
    }
  });
  lines.push('', '## Questions');
  if (todo.questions) lines.push(`<!-- TODO: ${oneLine(todo.questions)} -->`);
  if (article.questions.length === 0) {
    lines.push(
      '<!-- No written questions: the quiz is generated from the tagged focus sentences. Write questions here to ask them first (content/README.md). -->',
    );
  }
  for (const question of article.questions) {
    lines.push('', `### ${oneLine(question.prompt)}`, '');
    for (const choice of question.choices)
      lines.push(`- [${choice.correct ? 'x' : ' '}] ${oneLine(choice.text)}`);
    lines.push('', `> ${oneLine(question.explanation)}`);
  }
  return `${lines.join('\n')}\n`;
}
