// Whether long polling is alive right now: telegraf retries a failing getUpdates quietly and forever, so
// the client's getUpdates calls are watched to see them answer, fail or hang.
import type { Telegram } from 'telegraf';

/** telegraf asks Telegram to hold getUpdates this long (its default) when there is nothing new. */
const LONG_POLL_S = 50;
/** A getUpdates unanswered past its long-poll time by this much counts as hung. */
const HUNG_AFTER_MS = (LONG_POLL_S + 20) * 1000;
/**
 * A getUpdates held this long without failing is being long-polled, as a working server does (a failing
 * one answers at once): the failure before it is over, although the call may run on for 50 s.
 */
const HELD_MS = 3_000;

export interface PollingWatch {
  /** Why updates are not arriving now (the last getUpdates failed, or hangs), or undefined. */
  problem(): string | undefined;
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function watchPolling(telegram: Telegram): PollingWatch {
  let failure: string | undefined;
  let failedAt = 0;
  let sentAt: number | undefined;
  const callApi = telegram.callApi.bind(telegram);
  telegram.callApi = (async (method, payload, options) => {
    if (method !== 'getUpdates') return callApi(method, payload, options);
    const started = performance.now();
    sentAt = started;
    try {
      const result = await callApi(method, payload, options);
      failure = undefined;
      return result;
    } catch (error) {
      // Aborted: polling was stopped on purpose.
      if (!(error instanceof Error && error.name === 'AbortError')) {
        failure = describe(error);
        failedAt = performance.now();
      }
      throw error;
    } finally {
      if (sentAt === started) sentAt = undefined;
    }
  }) as typeof telegram.callApi;
  return {
    problem() {
      const now = performance.now();
      const held = sentAt !== undefined && sentAt > failedAt && now - sentAt >= HELD_MS;
      if (failure !== undefined && !held) return `getUpdates failing (${failure}); telegraf keeps retrying`;
      if (sentAt !== undefined && now - sentAt > HUNG_AFTER_MS)
        return `getUpdates unanswered for ${Math.round((now - sentAt) / 1000)} s`;
      return undefined;
    },
  };
}
