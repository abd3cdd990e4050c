// The language-model drafter: the built-in draft first, then the brief, focus sentences and questions the
// model writes from the article's text, grounded in that text. A model that fails, times out or cannot be
// reached leaves the built-in draft, and the draft's note says so.
import type OpenAI from 'openai';
import type { ModelSettings } from '../config.ts';
import { type AskOptions, askModel, createModelClient } from './ask-model.ts';
import { builtInDraft } from './built-in-drafter.ts';
import type { Draft, Drafter } from './draft.ts';
import { groundDraft } from './ground-draft.ts';
import { modelInput } from './model-prompt.ts';

/** Stories sent to the model at once; the others wait their turn (a local server answers one or two at a time). */
export const MODEL_CONCURRENCY = 2;
/** After this many stories in a row that the server failed, the rest of the run gets the built-in draft unasked. */
export const FAILURES_BEFORE_GIVING_UP = 3;

export interface ModelDrafterOptions extends AskOptions {
  /** The client to use (by default the official one, set up from `settings`). */
  client?: OpenAI;
}

/** Runs at most `size` tasks at once, the rest in the order they came. */
function slots(size: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await task();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}

export function createModelDrafter(settings: ModelSettings, options: ModelDrafterOptions = {}): Drafter {
  const client = options.client ?? createModelClient(settings);
  const turn = slots(MODEL_CONCURRENCY);
  const label = `the model ${settings.model}`;
  let failedInARow = 0;
  let lastFailure = '';

  const builtIn = (base: Draft, reason: string): Draft => ({
    ...base,
    drafter: `built-in (${label} ${reason})`,
    note: `${label} ${reason}; this is the built-in draft`,
  });

  return {
    name: `model ${settings.model}`,
    async draft(source, library) {
      const base = builtInDraft(source, library);
      if (failedInARow >= FAILURES_BEFORE_GIVING_UP)
        return builtIn(
          base,
          `was not asked: it failed for the last ${failedInARow} stories (${lastFailure})`,
        );
      const input = modelInput(source.page);
      if (input.paragraphs.length === 0) return builtIn(base, 'was not asked: the page has no text to send');
      const answer = await turn(() => askModel(client, settings, input, options));
      if (!answer.ok) {
        if (answer.fault === 'server') {
          failedInARow += 1;
          lastFailure = answer.reason;
        } else failedInARow = 0;
        return builtIn(base, answer.reason);
      }
      failedInARow = 0;
      const { draft, dropped } = groundDraft(answer.draft, input, base, library);
      const { reading, questions } = draft.article;
      const wrote = `${label} wrote the brief, ${reading === base.article.reading ? 'no usable focus sentences' : `${reading.length} focus sentences`} and ${questions.length} question${questions.length === 1 ? '' : 's'}`;
      return {
        ...draft,
        drafter: `model ${settings.model} (names, numbers, dates and quotes checked against the article)`,
        note:
          dropped > 0
            ? `${wrote}; ${dropped} of its items the article does not support were dropped (see the TODO notes)`
            : wrote,
      };
    },
  };
}
