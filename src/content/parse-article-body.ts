// Parses an article's Markdown body: `## Reading` focus sentences with entity tags, `## Questions`.
import { ENTITY_TYPES } from './article-schema.ts';

export interface RawEntity {
  type: string;
  name: string;
}
export interface RawFocusSentence {
  text: string;
  entities: RawEntity[];
}
export interface RawQuestion {
  prompt: string;
  choices: { text: string; correct: boolean }[];
  explanation: string;
}
export interface ParsedBody {
  reading: RawFocusSentence[];
  questions: RawQuestion[];
  /** Field path (`reading.2.entities.0`) → 1-based line in the file. */
  lines: Map<string, number>;
  problems: { line: number; path: string; message: string }[];
}

const SECTION = /^##\s+(.+?)\s*#*$/;
const LIST_ITEM = /^(?:\d+[.)]|[-*+])\s+(.*)$/;
const CHOICE = /^[-*+]\s+\[( |x|X)\]\s+(.*)$/;
const TAG_LINE = /^(?:`[^`]+`\s*)+$/;
const TAG = /`([^`]+)`/g;
const TAG_BODY = /^([a-z][a-z-]*)\s*:\s*(.+)$/;

type Section = 'none' | 'reading' | 'questions';

/** `firstLine` is the 1-based line of the body's first line in the whole file. */
export function parseArticleBody(body: string, firstLine: number): ParsedBody {
  const parsed: ParsedBody = { reading: [], questions: [], lines: new Map(), problems: [] };
  let section: Section = 'none';
  let sentence: RawFocusSentence | undefined;
  let question: RawQuestion | undefined;
  const seenSections = new Set<Section>();

  body.split(/\r?\n/).forEach((raw, index) => {
    const line = firstLine + index;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('<!--')) return;

    const heading = SECTION.exec(trimmed);
    if (heading && !trimmed.startsWith('###')) {
      const name = (heading[1] ?? '').toLowerCase();
      sentence = undefined;
      question = undefined;
      if (name === 'reading' || name === 'questions') {
        section = name;
        if (seenSections.has(section)) {
          parsed.problems.push({
            line,
            path: section,
            message: `the "## ${heading[1]}" section appears twice`,
          });
        }
        seenSections.add(section);
        parsed.lines.set(section, line);
      } else {
        section = 'none';
        parsed.problems.push({
          line,
          path: '',
          message: `unknown section "## ${heading[1]}"; the body has "## Reading" and "## Questions"`,
        });
      }
      return;
    }

    if (section === 'reading') {
      const item = LIST_ITEM.exec(trimmed);
      const indented = /^\s/.test(raw);
      if (item && !indented) {
        sentence = { text: item[1] ?? '', entities: [] };
        parsed.reading.push(sentence);
        parsed.lines.set(`reading.${parsed.reading.length - 1}`, line);
        if (TAG_LINE.test(sentence.text)) {
          parsed.problems.push({
            line,
            path: `reading.${parsed.reading.length - 1}.text`,
            message: 'a focus sentence needs text before its tags',
          });
        }
        return;
      }
      if (!sentence) {
        parsed.problems.push({
          line,
          path: 'reading',
          message: 'expected a numbered focus sentence such as "1. DeepSeek delayed V4."',
        });
        return;
      }
      if (TAG_LINE.test(trimmed)) {
        for (const match of trimmed.matchAll(TAG)) {
          const tag = TAG_BODY.exec((match[1] ?? '').trim());
          const sentenceIndex = parsed.reading.length - 1;
          const entityIndex = sentence.entities.length;
          const path = `reading.${sentenceIndex}.entities.${entityIndex}`;
          if (!tag) {
            parsed.problems.push({
              line,
              path,
              message: `tag \`${match[1]}\` should look like \`org: DeepSeek\` (kinds: ${ENTITY_TYPES.join(', ')})`,
            });
            continue;
          }
          sentence.entities.push({ type: tag[1] ?? '', name: (tag[2] ?? '').trim() });
          parsed.lines.set(path, line);
        }
        return;
      }
      sentence.text = `${sentence.text} ${trimmed}`;
      return;
    }

    if (section === 'questions') {
      if (trimmed.startsWith('### ')) {
        question = { prompt: trimmed.slice(4).trim(), choices: [], explanation: '' };
        parsed.questions.push(question);
        parsed.lines.set(`questions.${parsed.questions.length - 1}`, line);
        return;
      }
      if (!question) {
        parsed.problems.push({
          line,
          path: 'questions',
          message: 'expected a question heading such as "### Why was V4 delayed?"',
        });
        return;
      }
      const questionIndex = parsed.questions.length - 1;
      const choice = CHOICE.exec(trimmed);
      if (choice) {
        question.choices.push({ text: (choice[2] ?? '').trim(), correct: choice[1] !== ' ' });
        parsed.lines.set(`questions.${questionIndex}.choices.${question.choices.length - 1}`, line);
        return;
      }
      if (trimmed.startsWith('>')) {
        const part = trimmed.replace(/^>\s?/, '').trim();
        if (!question.explanation) parsed.lines.set(`questions.${questionIndex}.explanation`, line);
        question.explanation = question.explanation ? `${question.explanation} ${part}` : part;
        return;
      }
      parsed.problems.push({
        line,
        path: `questions.${questionIndex}`,
        message: 'expected "- [ ] choice", "- [x] correct choice" or "> explanation"',
      });
    }
    // Text before the first section is a free-form note for editors and is ignored.
  });
  return parsed;
}
