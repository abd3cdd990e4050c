// One story's conversation with a language model over the official `openai` client, in bounded time:
// the article goes out with the draft's JSON schema; an answer that does not fit the schema goes back with
// its problems (twice at most); a busy or failing server is retried briefly; everything ends by a deadline.
import OpenAI from 'openai';
import type { ModelSettings } from '../config.ts';
import { clipText } from '../core/clip-text.ts';
import { scrubSecrets } from '../logger.ts';
import { type ModelDraft, modelDraftSchema, modelResponseFormat } from './model-draft-schema.ts';
import { correction, type ModelInput, SYSTEM_PROMPT, userMessage } from './model-prompt.ts';

/** Tokens a model may write per answer: a whole draft is about 3,500. */
export const MAX_OUTPUT_TOKENS = 4_096;
/** Answers that did not fit the schema sent back with their problems. */
export const MAX_CORRECTIONS = 2;
/** Requests repeated after a 429, a 5xx or a failed connection. */
export const MAX_RETRIES = 2;
/** The longest wait before a retry that a server may ask for (Retry-After); a longer one ends the story's try. */
export const MAX_RETRY_WAIT_MS = 10_000;
/** Waits before a retry when the server names none. */
const BACKOFF_MS = [1_000, 2_000];
/** The whole conversation of one story ends within this many request time limits. */
export const REQUESTS_PER_STORY = 1 + MAX_CORRECTIONS;

export type ModelAnswer =
  | { ok: true; draft: ModelDraft; requests: number }
  /** `server`: the server failed or could not be reached; `answer`: it answered, but never usefully. */
  | { ok: false; reason: string; fault: 'server' | 'answer' };

export interface AskOptions {
  /** Waits `ms` or until `signal` aborts (tests pass a faster one). */
  wait?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

function realWait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** The official client, set up so that it reads nothing from the environment, logs nothing and never retries on its own. */
export function createModelClient(settings: ModelSettings): OpenAI {
  return new OpenAI({
    baseURL: settings.baseUrl,
    // A local server needs no key; the client insists on one, so none is sent (the header is removed).
    apiKey: settings.apiKey ?? 'unused',
    ...(settings.apiKey ? {} : { defaultHeaders: { Authorization: null } }),
    adminAPIKey: null,
    organization: null,
    project: null,
    webhookSecret: null,
    maxRetries: 0,
    timeout: settings.timeoutMs,
    logLevel: 'off',
    logger: { error() {}, warn() {}, info() {}, debug() {} },
  });
}

/** A one-line, key-free account of a failed request, and whether it is worth repeating. */
function describeFailure(
  error: unknown,
  settings: ModelSettings,
): { reason: string; retry: boolean; waitMs?: number } {
  const host = new URL(settings.baseUrl).host;
  if (error instanceof OpenAI.APIConnectionTimeoutError)
    return { reason: `did not answer within ${seconds(settings.timeoutMs)} (LLM_TIMEOUT)`, retry: false };
  if (error instanceof OpenAI.APIUserAbortError)
    return { reason: 'did not finish within the time a story may take', retry: false };
  if (error instanceof OpenAI.APIConnectionError) {
    const cause = (error.cause as { cause?: { code?: string }; code?: string } | undefined) ?? {};
    const code = cause.cause?.code ?? cause.code;
    return { reason: `could not be reached at ${host}${code ? ` (${code})` : ''}`, retry: true };
  }
  if (error instanceof OpenAI.APIError && error.status !== undefined) {
    const status = error.status;
    if (status === 401 || status === 403)
      return { reason: `refused the request (${status}); check LLM_API_KEY`, retry: false };
    if (status === 404)
      return {
        reason: `answered 404; check LLM_BASE_URL (it usually ends in /v1) and that ${settings.model} is a model it serves`,
        retry: false,
      };
    if (status === 429 || status >= 500) {
      const header = error.headers?.get('retry-after');
      const after = header ? Number(header) : Number.NaN;
      const waitMs = Number.isFinite(after) && after >= 0 ? after * 1000 : undefined;
      return {
        reason: status === 429 ? 'is rate-limiting requests (429)' : `failed with ${status}`,
        retry: true,
        ...(waitMs === undefined ? {} : { waitMs }),
      };
    }
    // The server's own words help here (an unsupported parameter, say): one line, cut short, the key masked.
    const said =
      typeof error.error === 'object' && error.error
        ? (error.error as { message?: unknown }).message
        : undefined;
    const detail =
      typeof said === 'string'
        ? `: ${scrubSecrets(clipText(said.replace(/\s+/g, ' '), 160), [settings.apiKey])}`
        : '';
    return { reason: `refused the request (${status})${detail}`, retry: false };
  }
  return { reason: 'answered something that is not a chat completion', retry: false };
}

/** The answer's problems in content:check's words (`reading.3.text: must be at most 500 characters`), or the draft. */
function readAnswer(
  content: string | null | undefined,
  finish: string | undefined,
): { draft: ModelDraft } | { problems: string[] } {
  if (finish === 'length')
    return {
      problems: [
        `the answer was cut off at the limit of ${MAX_OUTPUT_TOKENS} tokens; write less (shorter paragraphs, fewer items)`,
      ],
    };
  let json: unknown;
  try {
    json = JSON.parse(content ?? '');
  } catch (error) {
    return {
      problems: [
        `the answer is not valid JSON (${(error as Error).message}); reply with the JSON object only`,
      ],
    };
  }
  const parsed = modelDraftSchema.safeParse(json);
  if (parsed.success) return { draft: parsed.data };
  return {
    problems: parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(the object)'}: ${issue.message}`,
    ),
  };
}

/** Asks `client` for a draft of `input`; ends within REQUESTS_PER_STORY × the request time limit. */
export async function askModel(
  client: OpenAI,
  settings: ModelSettings,
  input: ModelInput,
  options: AskOptions = {},
): Promise<ModelAnswer> {
  const wait = options.wait ?? realWait;
  const budgetMs = REQUESTS_PER_STORY * settings.timeoutMs;
  const deadline = AbortSignal.timeout(budgetMs);
  const started = Date.now();
  const messages: OpenAI.ChatCompletionMessageParam[] = [
    { role: 'system', content: SYSTEM_PROMPT },
    { role: 'user', content: userMessage(input) },
  ];
  let requests = 0;
  let retries = 0;
  let corrections = 0;
  for (;;) {
    let completion: OpenAI.ChatCompletion;
    try {
      requests += 1;
      completion = await client.chat.completions.create(
        {
          model: settings.model,
          messages,
          response_format: modelResponseFormat,
          max_tokens: MAX_OUTPUT_TOKENS,
          temperature: 0.2,
        },
        { signal: deadline, timeout: settings.timeoutMs, maxRetries: 0 },
      );
    } catch (error) {
      const failure = describeFailure(error, settings);
      const waitMs = failure.waitMs ?? BACKOFF_MS[retries] ?? 0;
      const left = budgetMs - (Date.now() - started);
      if (!failure.retry || retries >= MAX_RETRIES) {
        const tries = requests > 1 ? ` (${requests} requests)` : '';
        return { ok: false, reason: `${failure.reason}${tries}`, fault: 'server' };
      }
      if (waitMs > MAX_RETRY_WAIT_MS || waitMs >= left)
        return {
          ok: false,
          reason: `${failure.reason} and asks to wait ${seconds(waitMs)}, longer than a story may wait`,
          fault: 'server',
        };
      retries += 1;
      await wait(waitMs, deadline);
      continue;
    }
    const choice = completion.choices?.[0];
    if (choice?.message.refusal)
      return { ok: false, reason: 'declined to draft this article', fault: 'answer' };
    const read = readAnswer(choice?.message.content, choice?.finish_reason);
    if ('draft' in read) return { ok: true, draft: read.draft, requests };
    if (corrections === MAX_CORRECTIONS) {
      const first = read.problems[0] ?? 'no content';
      return {
        ok: false,
        reason: `answered ${corrections + 1} times without a draft that fits the article format (last: ${first})`,
        fault: 'answer',
      };
    }
    corrections += 1;
    messages.push(
      { role: 'assistant', content: choice?.message.content ?? '' },
      { role: 'user', content: correction(read.problems) },
    );
  }
}
