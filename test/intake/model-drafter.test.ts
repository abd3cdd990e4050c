import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { ModelSettings } from '../../src/config.ts';
import type { Article } from '../../src/content/article-schema.ts';
import { parseArticle } from '../../src/content/parse-article.ts';
import { MAX_OUTPUT_TOKENS } from '../../src/intake/ask-model.ts';
import { builtInDraft } from '../../src/intake/built-in-drafter.ts';
import type { Draft, DraftSource, LibraryView } from '../../src/intake/draft.ts';
import { type ExtractedArticle, extractArticle } from '../../src/intake/extract-article.ts';
import { createModelDrafter, FAILURES_BEFORE_GIVING_UP } from '../../src/intake/model-drafter.ts';
import { MAX_ARTICLE_CHARACTERS } from '../../src/intake/model-prompt.ts';
import { renderDraft } from '../../src/intake/render-draft.ts';
import { storyUrl } from '../../src/intake/story-identity.ts';
import { tempFolder } from '../content/fixtures.ts';
import { freePort } from '../support/free-port.ts';
import { libraryView, writeLibrary } from './library.ts';
import { harborDraft, invalidHarborDraft, inventedHarborDraft } from './model-answers.ts';
import { articleOf, type ModelServer, type Reply, startModelServer } from './model-server.ts';

const KEY = 'sk-test-Zq9LeakKey-0123456789abcdef';

let library: LibraryView & { articles: Article[] };
let remove: () => Promise<void>;
beforeAll(async () => {
  let dir: string;
  ({ dir, remove } = await tempFolder('newsquiz-model-'));
  await writeLibrary(dir);
  library = await libraryView(dir);
});
afterAll(async () => {
  await remove();
});

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function page(name = 'harbor-bridge.html'): ExtractedArticle {
  const result = extractArticle(
    readFileSync(join(import.meta.dirname, 'site', name), 'utf8'),
    `http://127.0.0.1:8080/${name}`,
  );
  if (!result.ok) throw new Error(result.reason);
  return result.article;
}
const sourceOf = (extracted: ExtractedArticle): DraftSource => ({
  page: extracted,
  storyUrl: storyUrl(extracted),
});
const render = (draft: Draft) =>
  renderDraft(draft, {
    from: 'http://127.0.0.1:8080/x.html',
    at: new Date('2026-12-01T00:00:00Z'),
    keys: ['url:x'],
  });

/** A model server answering with `replies` in turn (the last one again after that), and a drafter using it. */
async function drafterAnswering(replies: Reply[], settings: Partial<ModelSettings> = {}) {
  const running = await startModelServer((_, index) => replies[Math.min(index, replies.length - 1)] as Reply);
  server = running;
  const waits: number[] = [];
  const drafter = createModelDrafter(
    { baseUrl: running.baseUrl, model: 'test-model', apiKey: KEY, timeoutMs: 10_000, ...settings },
    {
      wait: async (ms) => {
        waits.push(ms);
      },
    },
  );
  return { drafter, server: running, waits };
}
const json = (value: unknown) => ({ content: JSON.stringify(value) });

describe('a model that answers well', () => {
  test('writes the brief, focus sentences and questions; the built-in draft keeps the page’s facts', async () => {
    const { drafter, server } = await drafterAnswering([json(harborDraft())]);
    const source = sourceOf(page());
    const draft = await drafter.draft(source, library);
    const model = harborDraft();

    expect(draft.article).toMatchObject({
      title: 'Harbor City fits its old bridge with strain sensors',
      source: {
        name: 'The Harbor Courier',
        url: 'https://harbor-courier.example/2026/05/14/harbor-bridge-sensors',
      },
      published: '2026-05-14T05:45:00Z',
      audience: model.audience,
      hook: model.hook,
      tldr: model.tldr,
      takeaways: model.takeaways,
      comparison: model.comparison,
      deepDive: model.deepDive,
      implications: model.implications,
      timeline: model.timeline,
      questions: model.questions,
    });
    expect(draft.article.reading.map((sentence) => sentence.text)).toEqual(model.reading.map((s) => s.text));
    // A tag is written as its sentence writes it; a name the library knows keeps the library's kind.
    expect(draft.article.reading[2]?.entities).toEqual([
      { type: 'org', name: 'Northbay Instruments' },
      { type: 'location', name: 'Port Alder' },
      { type: 'tech', name: 'LoRaWAN' },
    ]);
    expect(draft.todo).toEqual({});
    expect(draft.note).toBe('the model test-model wrote the brief, 6 focus sentences and 2 questions');
    expect(draft.drafter).toMatch(/^model test-model \(/);
    expect(server.requests).toHaveLength(1);
  });

  test('the request carries the article’s headline and text only, the JSON schema, a token cap and the key as a bearer token', async () => {
    const { drafter, server } = await drafterAnswering([json(harborDraft())]);
    await drafter.draft(sourceOf(page()), library);
    const [request] = server.requests;
    if (!request) throw new Error('no request');
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request.body.model).toBe('test-model');
    expect(request.body.max_tokens).toBe(MAX_OUTPUT_TOKENS);
    expect(request.body.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'article_draft', strict: true },
    });
    const schema = request.body.response_format?.json_schema?.schema as {
      required: string[];
      additionalProperties: boolean;
    };
    expect(schema.required).toEqual([
      'audience',
      'hook',
      'tldr',
      'takeaways',
      'comparison',
      'deepDive',
      'implications',
      'timeline',
      'reading',
      'questions',
    ]);
    expect(schema.additionalProperties).toBe(false);
    expect(request.body.messages.map((message) => message.role)).toEqual(['system', 'user']);
    const article = articleOf(request);
    expect(article).toContain('Harbor City fits its old bridge with strain sensors');
    expect(article).toContain('The network went live on 14 May 2026');
    // Nothing but the article: no address, no publisher, no library article, no page furniture.
    for (const absent of [
      'harbor-courier.example',
      '127.0.0.1',
      'The Harbor Courier',
      'Rotterdam',
      'Subscribe',
    ])
      expect(request.raw).not.toContain(absent);
  });

  test('a local server without a key gets no Authorization header; the client reads no OPENAI_* variable', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      OPENAI_API_KEY: 'sk-from-the-environment',
      OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
      OPENAI_ORG_ID: 'org-from-the-environment',
      OPENAI_LOG: 'debug',
    });
    try {
      const { drafter, server } = await drafterAnswering([json(harborDraft())], { apiKey: undefined });
      await drafter.draft(sourceOf(page()), library);
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]?.headers.authorization).toBeUndefined();
      expect(server.requests[0]?.headers['openai-organization']).toBeUndefined();
    } finally {
      process.env = saved;
    }
  });

  test('a long article is cut at a sentence before it is sent, and the model is told its end is left out', async () => {
    const { drafter, server } = await drafterAnswering([json(harborDraft())]);
    const extracted = page();
    const filler = 'The engineers also checked every rivet of the old steel girders by hand once more.';
    const long = { ...extracted, paragraphs: [...extracted.paragraphs, ...Array(400).fill(filler)] };
    await drafter.draft(sourceOf(long), library);
    const article = articleOf(server.requests[0] as never);
    expect(article).toContain('(its end is left out)');
    expect(article.length).toBeLessThan(MAX_ARTICLE_CHARACTERS + 200);
    expect(article).toMatch(/girders by hand once more\.\n<\/article>$/);
  });
});

describe('answers that do not fit are sent back with their problems', () => {
  test('an invalid draft is returned once with the schema’s problems; the valid second answer is used', async () => {
    const { drafter, server } = await drafterAnswering([json(invalidHarborDraft()), json(harborDraft())]);
    const draft = await drafter.draft(sourceOf(page()), library);
    expect(draft.article.hook).toBe(harborDraft().hook);
    expect(server.requests).toHaveLength(2);
    const messages = server.requests[1]?.body.messages ?? [];
    expect(messages.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(messages[2]?.content).toBe(JSON.stringify(invalidHarborDraft()));
    expect(messages[3]?.content).toContain('hook: must be at most 280 characters');
    expect(messages[3]?.content).toContain('questions.0.choices: needs exactly one correct choice, found 3');
  });

  test('malformed JSON is sent back as such; a model that never gets it right leaves the built-in draft after three answers', async () => {
    const { drafter, server } = await drafterAnswering([
      { content: '{"audience": ["City engineers"], "hook": "A' },
    ]);
    const source = sourceOf(page());
    const draft = await drafter.draft(source, library);
    expect(server.requests).toHaveLength(3);
    expect(server.requests[1]?.body.messages[3]?.content).toMatch(/the answer is not valid JSON \(.+\)/);
    expect(draft.article).toEqual(builtInDraft(source, library).article);
    expect(draft.note).toMatch(
      /^the model test-model answered 3 times without a draft that fits the article format \(last: the answer is not valid JSON .*\); this is the built-in draft$/,
    );
  });

  test('an answer cut off at the token limit is sent back asking for less', async () => {
    const { drafter, server } = await drafterAnswering([
      { content: '{"audience": [', finish: 'length' },
      json(harborDraft()),
    ]);
    const draft = await drafter.draft(sourceOf(page()), library);
    expect(server.requests[1]?.body.messages[3]?.content).toContain(
      `the answer was cut off at the limit of ${MAX_OUTPUT_TOKENS} tokens`,
    );
    expect(draft.article.hook).toBe(harborDraft().hook);
  });
});

describe('grounding: what the article does not support is dropped or marked, never published silently', () => {
  test('invented names, numbers and dates, a paraphrased quote, a tag not in its sentence and unsupported answers are dropped, each with a note', async () => {
    const { drafter } = await drafterAnswering([json(inventedHarborDraft())]);
    const source = sourceOf(page());
    const base = builtInDraft(source, library);
    const draft = await drafter.draft(source, library);
    const { article, todo } = draft;

    // The page's own hook stays; the model's is quoted in the note with what it invented.
    expect(article.hook).toBe(base.article.hook);
    expect(todo.hook).toContain('Siemens');
    expect(todo.hook).toContain('"Oslo"');
    expect(todo.hook).toContain('"500"');
    // A judgment field with an invented fact is left empty for the author, with the model's text to reuse.
    expect(article.tldr.whyItMatters).toBe('');
    expect(todo['tldr.whyItMatters']).toMatch(/"2019", "Genoa", "43"|"Genoa"/);
    expect(article.takeaways).toEqual(harborDraft().takeaways);
    expect(todo.takeaways).toContain('Siemens supplied the gateways');
    expect(article.timeline).toEqual(harborDraft().timeline);
    expect(todo.timeline).toContain('2026-07-01');
    // Five sentences are quoted exactly and kept; the paraphrase is dropped; so is the tag not in its sentence.
    expect(article.reading).toHaveLength(5);
    expect(article.reading.map((sentence) => sentence.text)).not.toContain(
      'The council approved the project in 2025 after a survey found corrosion.',
    );
    expect(article.reading[0]?.entities.map((entity) => entity.name)).toEqual([
      'Harbor City',
      'Harbor Street',
    ]);
    expect(todo.reading).toContain('The council approved the project in 2025');
    expect(todo.reading).toContain("dropped 1 of the model's tags");
    // Questions: the invented supplier and the unsupported price are dropped, the grounded ones stay.
    expect(article.questions.map((question) => question.prompt)).toEqual([
      'How often do the new sensors on the Harbor Street bridge report?',
      'Who made the new gauges?',
    ]);
    expect(todo.questions).toContain('Which company supplied the gateways?');
    expect(todo.questions).toContain('"About 7,500 euros each" is in no focus sentence');
    expect(draft.note).toMatch(
      /; 8 of its items the article does not support were dropped \(see the TODO notes\)$/,
    );

    // In the file, the invented facts appear only inside # TODO: comments; no field holds them.
    const text = render(draft);
    for (const line of text.split('\n').filter((row) => /Siemens|Oslo|Genoa|7,500/.test(row)))
      expect(line).toMatch(/^\s*(# TODO:|<!-- TODO:)/);
    const parsed = parseArticle('draft.md', text);
    const fields = JSON.stringify(parsed.ok ? parsed.article : parsed);
    expect(fields).not.toMatch(/Siemens|Oslo|Genoa|7,500/);
  });

  test('a model whose quotes are almost all paraphrases leaves the built-in focus sentences', async () => {
    const answer = harborDraft();
    for (const sentence of answer.reading) sentence.text = sentence.text.replace(/\.$/, ', officials said.');
    const { drafter } = await drafterAnswering([json(answer)]);
    const source = sourceOf(page());
    const draft = await drafter.draft(source, library);
    expect(draft.article.reading).toEqual(builtInDraft(source, library).article.reading);
    expect(draft.todo.reading).toContain('the model quoted 0 of its 6 focus sentences');
    // Its questions are checked against the focus sentences that stand.
    expect(draft.article.questions.map((question) => question.prompt)).toContain(
      'How often do the new sensors on the Harbor Street bridge report?',
    );
  });
});

describe('a model that fails leaves the built-in draft and says so', () => {
  test('429: waits as asked and tries again', async () => {
    const { drafter, server, waits } = await drafterAnswering([
      { status: 429, headers: { 'retry-after': '2' } },
      json(harborDraft()),
    ]);
    const draft = await drafter.draft(sourceOf(page()), library);
    expect(waits).toEqual([2000]);
    expect(server.requests).toHaveLength(2);
    expect(draft.article.hook).toBe(harborDraft().hook);
  });

  test('429 asking for a longer wait than a story may take: no wait, the built-in draft', async () => {
    const { drafter, server, waits } = await drafterAnswering([
      { status: 429, headers: { 'retry-after': '3600' } },
    ]);
    const source = sourceOf(page());
    const draft = await drafter.draft(source, library);
    expect(waits).toEqual([]);
    expect(server.requests).toHaveLength(1);
    expect(draft.article).toEqual(builtInDraft(source, library).article);
    expect(draft.note).toBe(
      'the model test-model is rate-limiting requests (429) and asks to wait 3600 s, longer than a story may wait; this is the built-in draft',
    );
  });

  test('500: two retries with backoff, then the built-in draft', async () => {
    const { drafter, server, waits } = await drafterAnswering([{ status: 500 }]);
    const source = sourceOf(page());
    const draft = await drafter.draft(source, library);
    expect(server.requests).toHaveLength(3);
    expect(waits).toEqual([1000, 2000]);
    expect(draft.article).toEqual(builtInDraft(source, library).article);
    expect(draft.note).toBe('the model test-model failed with 500 (3 requests); this is the built-in draft');
  });

  test('a hang ends at the request time limit with the built-in draft', async () => {
    const { drafter, server } = await drafterAnswering([{ hang: true }], { timeoutMs: 1_000 });
    const source = sourceOf(page());
    const draft = await drafter.draft(source, library);
    expect(server.requests).toHaveLength(1);
    expect(draft.article).toEqual(builtInDraft(source, library).article);
    expect(draft.note).toBe(
      'the model test-model did not answer within 1 s (LLM_TIMEOUT); this is the built-in draft',
    );
    expect(draft.drafter).toMatch(/^built-in \(the model test-model did not answer/);
  });

  test('an unreachable server: each story says so, and after three in a row the rest are not sent', async () => {
    const port = await freePort();
    const drafter = createModelDrafter(
      { baseUrl: `http://127.0.0.1:${port}/v1`, model: 'test-model', apiKey: KEY, timeoutMs: 5_000 },
      { wait: async () => {} },
    );
    const source = sourceOf(page());
    const notes: (string | undefined)[] = [];
    for (let story = 0; story <= FAILURES_BEFORE_GIVING_UP; story++) {
      const draft = await drafter.draft(source, library);
      expect(draft.article).toEqual(builtInDraft(source, library).article);
      notes.push(draft.note);
    }
    expect(notes.slice(0, FAILURES_BEFORE_GIVING_UP)).toEqual(
      Array(FAILURES_BEFORE_GIVING_UP).fill(
        `the model test-model could not be reached at 127.0.0.1:${port} (ECONNREFUSED) (3 requests); this is the built-in draft`,
      ),
    );
    expect(notes.at(-1)).toMatch(
      /^the model test-model was not asked: it failed for the last 3 stories \(could not be reached/,
    );
  });

  test('401 and a 400 that quotes the key: the note names the problem, never the key', async () => {
    for (const reply of [
      { status: 401, message: `Incorrect API key provided: ${KEY}` },
      { status: 400, message: `response_format json_schema is not supported (key ${KEY})` },
    ]) {
      const { drafter } = await drafterAnswering([reply]);
      const draft = await drafter.draft(sourceOf(page()), library);
      expect(draft.note).not.toContain(KEY);
      expect(draft.drafter).not.toContain(KEY);
      expect(render(draft)).not.toContain(KEY);
      expect(draft.note).toMatch(
        reply.status === 401
          ? /refused the request \(401\); check LLM_API_KEY; this is the built-in draft$/
          : /refused the request \(400\): response_format json_schema is not supported \(key \*\*\*\)/,
      );
      await server?.close();
      server = undefined;
    }
  });
});
