import { beforeAll, describe, expect, test } from 'vitest';
import type { Article, FocusSentence, Question } from '../../src/content/article-schema.ts';
import { BLANK, generateQuestions, QUIZ_LENGTH } from '../../src/content/generate-questions.ts';
import { type ContentLoad, loadContent } from '../../src/content/load-content.ts';
import { FIXTURE_CONTENT } from '../support/fixture-content.ts';
import { articleParts } from './fixtures.ts';

/** A loaded-looking article with only the parts generation reads. */
function article(id: string, reading: FocusSentence[], questions: Question[] = []): Article {
  const { frontMatter } = articleParts();
  return { ...(frontMatter as unknown as Article), id, reading, questions };
}

const sentence = (text: string, ...tags: [FocusSentence['entities'][number]['type'], string][]) => ({
  text,
  entities: tags.map(([type, name]) => ({ type, name })),
});

const written = (prompt: string): Question => ({
  prompt,
  choices: [
    { text: 'Yes', correct: true },
    { text: 'No', correct: false },
  ],
  explanation: 'Because.',
});

const orgs = article('orgs', [
  sentence('Huawei makes the Ascend chips.', ['org', 'Huawei']),
  sentence('NVIDIA sells the CUDA platform.', ['org', 'NVIDIA']),
  sentence('Orbitlink runs satellites.', ['org', 'Orbitlink']),
  sentence('The European Commission oversees the rules.', ['org', 'European Commission']),
  sentence('Harbor City sits by the sea.', ['location', 'Harbor City']),
]);

describe('a cloze question per tagged sentence', () => {
  test('the tagged entity is blanked and is the right choice; the full sentence is the explanation', () => {
    const deepseek = article('deepseek', [
      sentence('DeepSeek is adapting V4 to its Ascend accelerators.', ['org', 'DeepSeek']),
    ]);

    const [question] = generateQuestions([deepseek, orgs]).get('deepseek')?.questions ?? [];

    expect(question?.prompt).toBe(`${BLANK} is adapting V4 to its Ascend accelerators.`);
    expect(question?.choices[0]).toEqual({ text: 'DeepSeek', correct: true });
    expect(question?.choices).toHaveLength(4);
    expect(question?.explanation).toBe('DeepSeek is adapting V4 to its Ascend accelerators.');
    expect(question?.generated).toBe(true);
  });

  test('distractors share the tag type, never repeat the answer or a word of the sentence, and differ in case', () => {
    const library = [
      article('a', [sentence('Huawei supplies chips for the Ascend line.', ['org', 'Huawei'])]),
      article('b', [
        sentence('huawei again.', ['org', 'huawei']),
        sentence('HUAWEI once more.', ['org', 'HUAWEI']),
        sentence('Ascend Labs builds boards.', ['org', 'Ascend Labs']),
        sentence('Chips Inc builds boards.', ['org', 'Chips Inc']),
        sentence('Nordvik builds boards.', ['org', 'Nordvik']),
        sentence('nordvik builds boards.', ['org', 'nordvik']),
        sentence('Harbor City builds boards.', ['location', 'Harbor City']),
        sentence('Westmark Grid builds boards.', ['org', 'Westmark Grid']),
        sentence('Quillstore Foundation builds boards.', ['org', 'Quillstore Foundation']),
      ]),
    ];

    const [question] = generateQuestions(library).get('a')?.questions ?? [];

    const distractors = question?.choices.filter((choice) => !choice.correct).map((choice) => choice.text);
    expect(distractors?.sort()).toEqual(['Nordvik', 'Quillstore Foundation', 'Westmark Grid']);
  });

  test('a sentence without 3 good distractors is skipped, and says why', () => {
    const lonely = article('lonely', [
      sentence('Harbor City fitted sensors.', ['location', 'Harbor City']),
      sentence('Engineers see stress early.'),
      sentence('The bridge is old.', ['tech', 'strain sensor']),
    ]);

    const result = generateQuestions([lonely, orgs]).get('lonely');

    expect(result?.questions).toEqual([]);
    expect(result?.skipped).toEqual([
      {
        sentence: 0,
        reason: 'location "Harbor City" has 0 of 3 distractors (other location tags in the library)',
      },
      { sentence: 1, reason: 'has no tags' },
      { sentence: 2, reason: '"strain sensor" does not appear in the sentence' },
    ]);
  });

  test('the next tag of a sentence is tried when the first cannot be blanked', () => {
    const both = article('both', [
      sentence('Engineers at NVIDIA tuned the kernels.', ['tech', 'CUDA'], ['org', 'NVIDIA']),
    ]);

    const [question] = generateQuestions([both, orgs]).get('both')?.questions ?? [];

    expect(question?.prompt).toBe(`Engineers at ${BLANK} tuned the kernels.`);
  });

  test('written questions are topped up to a quiz; an article with a full quiz gets none', () => {
    const many = Array.from({ length: 14 }, (_, index) =>
      sentence(`Orgs number ${index} met NVIDIA.`, ['org', 'NVIDIA']),
    );
    const some = article('some', many, [written('One?'), written('Two?')]);
    const full = article(
      'full',
      many,
      Array.from({ length: QUIZ_LENGTH }, (_, index) => written(`Question ${index}?`)),
    );

    const result = generateQuestions([some, full, orgs]);

    expect(result.get('some')?.questions).toHaveLength(QUIZ_LENGTH - 2);
    expect(result.get('full')?.questions).toEqual([]);
  });

  test('the same article gives the same questions whatever order the library was read in', () => {
    const deepseek = article('deepseek', [
      sentence('DeepSeek is adapting V4 to its Ascend accelerators.', ['org', 'DeepSeek']),
    ]);
    const library = [
      deepseek,
      orgs,
      article('more', [sentence('Westmark Grid pools batteries.', ['org', 'Westmark Grid'])]),
    ];

    const forward = generateQuestions(library).get('deepseek');
    const backward = generateQuestions([...library].reverse()).get('deepseek');

    expect(backward).toEqual(forward);
  });
});

describe('the shipped articles (their copies under test/fixtures)', () => {
  let load: ContentLoad;
  beforeAll(async () => {
    load = await loadContent(FIXTURE_CONTENT);
  });

  test('every article is topped up with generated questions after its written ones', () => {
    expect(load.errors).toEqual([]);
    for (const { article, generated } of load.articles) {
      expect(generated).toBeGreaterThan(0);
      const flags = article.questions.map((question) => question.generated === true);
      expect(flags).toEqual([...flags].sort((a, b) => Number(a) - Number(b)));
      expect(flags.filter(Boolean)).toHaveLength(generated);
      expect(article.questions.length).toBeLessThanOrEqual(QUIZ_LENGTH);
    }
  });

  test('each generated question blanks a tag of its sentence, and its 3 distractors share the tag type and are not in the sentence', () => {
    const types = new Map<string, Set<string>>();
    for (const { article } of load.articles) {
      for (const entity of article.reading.flatMap((entry) => entry.entities)) {
        const key = entity.name.toLowerCase();
        types.set(key, new Set([...(types.get(key) ?? []), entity.type]));
      }
    }
    for (const { article } of load.articles) {
      for (const question of article.questions.filter((entry) => entry.generated)) {
        const source = article.reading.find((entry) => entry.text === question.explanation);
        const answer = question.choices.find((choice) => choice.correct)?.text ?? '';
        const tag = source?.entities.find((entity) => entity.name === answer);
        expect(tag, question.prompt).toBeDefined();
        expect(question.prompt).toContain(BLANK);
        expect(question.prompt.replace(BLANK, answer)).toBe(question.explanation);
        const distractors = question.choices.filter((choice) => !choice.correct);
        expect(distractors).toHaveLength(3);
        for (const distractor of distractors) {
          expect(question.explanation.toLowerCase()).not.toContain(distractor.text.toLowerCase());
          expect(types.get(distractor.text.toLowerCase())?.has(tag?.type ?? '')).toBe(true);
        }
      }
    }
  });

  test('loading twice yields the same questions', async () => {
    const again = await loadContent(FIXTURE_CONTENT);
    expect(again.articles.map((entry) => entry.article.questions)).toEqual(
      load.articles.map((entry) => entry.article.questions),
    );
  });
});
