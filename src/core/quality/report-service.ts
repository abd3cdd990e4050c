// Reporting a question: who may (whoever answered it), why, one report per person and question, thanks.

import type { Article, Question } from '../../content/article-schema.ts';
import { t } from '../../i18n/current-locale.ts';
import { decodeAction } from '../action-payload.ts';
import type { Actor } from '../actor.ts';
import type { ArticleCatalog } from '../article-catalog.ts';
import type { Clock } from '../clock.ts';
import type { PersonResolver } from '../linking/person-resolver.ts';
import type { Response } from '../output.ts';
import type { AnswersPort, PendingAsksPort, ReportsPort, RoundsPort } from '../ports.ts';
import type { ArticleReports, QuestionReport, ReportReason } from '../records/report.ts';
import { questionKey } from '../review/question-key.ts';
import { isUserError, USER_ERRORS, UserError } from '../user-error.ts';
import { noteAsk, reasonsMessage, thanksMessage } from './present-report.ts';
import { questionVersion } from './question-version.ts';
import { cleanNote } from './report-note.ts';

/** How long a "Something else" waits for its note. */
export const NOTE_WAIT_MS = 15 * 60_000;
/** Reports kept per question; past that the oldest goes (a flood of reports says no more than this many). */
const MAX_REPORTS_PER_QUESTION = 200;

export interface ReportDeps {
  rounds: RoundsPort;
  answers: AnswersPort;
  reports: ReportsPort;
  asks: PendingAsksPort;
  persons: PersonResolver;
  catalog: () => ArticleCatalog;
  clock: Clock;
}

interface Reported {
  article: Article;
  question: Question;
}

const cannotReport = (message: string) => new UserError(USER_ERRORS.cannotReport, message);
const noteGone = () => cannotReport(t('report-note-gone'));

export class ReportService {
  constructor(private readonly deps: ReportDeps) {}

  /** The question at a round's position, if the actor answered it there. */
  async #question(actor: Actor, roundId: string, position: number): Promise<Reported> {
    const round = await this.deps.rounds.get(roundId);
    if (!round) {
      throw cannotReport(t('report-too-old'));
    }
    if (!(await this.deps.answers.answered({ roundId, position }, actor.userId))) {
      throw cannotReport(t('report-not-answered'));
    }
    const article = this.deps.catalog().byId(round.articleId);
    const question = article?.questions[round.questions[position] ?? -1];
    if (!article || !question) {
      throw cannotReport(t('report-question-gone'));
    }
    return { article, question };
  }

  /** The Report button: which reason. */
  async prompt(actor: Actor, roundId: string, position: number): Promise<Response> {
    const { question } = await this.#question(actor, roundId, position);
    return {
      messages: [{ target: { to: 'private' }, message: reasonsMessage(roundId, position, question.prompt) }],
    };
  }

  /** A reason picked; "Something else" asks for a note first. */
  async choose(actor: Actor, roundId: string, position: number, reason: ReportReason): Promise<Response> {
    const reported = await this.#question(actor, roundId, position);
    if (reason === 'other') {
      const ask = noteAsk(roundId, position);
      await this.deps.asks.put(
        actor.platform,
        actor.userId,
        { v: 1, payload: ask.payload, until: this.deps.clock.now() + NOTE_WAIT_MS },
        NOTE_WAIT_MS,
      );
      return { ask, messages: [] };
    }
    return this.#file(actor, reported, reason, undefined, 'update');
  }

  /**
   * "Something else" answered: with the text typed in a dialog, or (`text` undefined) by the button that
   * sends no note, which only works while the ask is open (so it never overwrites a note sent meanwhile).
   */
  async note(
    actor: Actor,
    roundId: string,
    position: number,
    text: string | undefined,
    where: 'update' | 'reply',
  ): Promise<Response> {
    const reported = await this.#question(actor, roundId, position);
    const note = cleanNote(text);
    const payload = noteAsk(roundId, position).payload;
    const filed = await this.#file(actor, reported, 'other', note, where, {
      payload,
      mustBeOpen: text === undefined,
    });
    if (!filed) throw noteGone();
    return filed;
  }

  /**
   * Text the person sent where a platform has no dialogs: the answer to what they were asked last, if
   * anything is open. Anything else is not for us (an empty response).
   */
  async reply(actor: Actor, text: string): Promise<Response> {
    const pending = await this.deps.asks.get(actor.platform, actor.userId);
    if (!pending || !this.#open(pending)) return { messages: [] };
    const action = decodeAction(pending.payload);
    if (action?.type !== 'note') {
      await this.deps.asks.take(actor.platform, actor.userId, pending.payload);
      return { messages: [] };
    }
    let note: string | undefined;
    try {
      note = cleanNote(text);
    } catch (error) {
      if (!isUserError(error)) throw error;
      // Still open (nothing was taken), for a shorter note: asked again.
      return {
        notice: { text: error.message, tone: 'error' },
        ask: noteAsk(action.round, action.question),
        messages: [],
      };
    }
    const reported = await this.#question(actor, action.round, action.question);
    // Filed only while the ask is still open: of two messages sent at once, the first is the note.
    const filed = await this.#file(actor, reported, 'other', note, 'reply', {
      payload: pending.payload,
      mustBeOpen: true,
    });
    return filed ?? { messages: [] };
  }

  #open(pending: { until: number } | undefined): boolean {
    return pending !== undefined && pending.until > this.deps.clock.now();
  }

  /**
   * Stores the person's one report on the question (replacing any earlier one, from any of their accounts).
   * With `ask`, the note's pending ask is taken in the same change; `mustBeOpen` files nothing (undefined)
   * unless that ask is still open.
   */
  async #file(
    actor: Actor,
    reported: Reported,
    reason: ReportReason,
    note: string | undefined,
    where: 'update' | 'reply',
  ): Promise<Response>;
  async #file(
    actor: Actor,
    reported: Reported,
    reason: ReportReason,
    note: string | undefined,
    where: 'update' | 'reply',
    ask: { payload: string; mustBeOpen: boolean },
  ): Promise<Response | undefined>;
  async #file(
    actor: Actor,
    { article, question }: Reported,
    reason: ReportReason,
    note: string | undefined,
    where: 'update' | 'reply',
    ask?: { payload: string; mustBeOpen: boolean },
  ): Promise<Response | undefined> {
    const person = await this.deps.persons.of(actor.platform, actor.userId);
    const reporter = `${person.first.platform}:${person.first.userId}`;
    const accounts = new Set(person.accounts.map((account) => `${account.platform}:${account.userId}`));
    const report: QuestionReport = {
      reason,
      ...(note === undefined ? {} : { note }),
      version: questionVersion(question),
      at: this.deps.clock.now(),
    };
    const key = questionKey(question.prompt);
    const fileReport = (current: ArticleReports | undefined) => {
      const record: ArticleReports = current ?? { v: 1, questions: {} };
      const entries = { ...record.questions[key] };
      let earlier: QuestionReport | undefined;
      for (const [account, entry] of Object.entries(entries)) {
        if (!accounts.has(account)) continue;
        if (!earlier || entry.at > earlier.at) earlier = entry;
        delete entries[account];
      }
      entries[reporter] = report;
      const kept = Object.entries(entries)
        .sort(([, a], [, b]) => b.at - a.at)
        .slice(0, MAX_REPORTS_PER_QUESTION);
      return {
        next: { ...record, questions: { ...record.questions, [key]: Object.fromEntries(kept) } },
        result: earlier?.reason,
      };
    };
    let replaced: ReportReason | undefined;
    if (ask) {
      type Filing = { filed: false } | { filed: true; replaced: ReportReason | undefined };
      const outcome = await this.deps.reports.updateTakingAsk<Filing>(
        article.id,
        actor,
        (current, pending) => {
          const mine = pending?.payload === ask.payload ? pending : undefined;
          if (ask.mustBeOpen && !this.#open(mine)) return { take: false, result: { filed: false } };
          const { next, result } = fileReport(current);
          return { next, take: mine !== undefined, result: { filed: true, replaced: result } };
        },
      );
      if (!outcome.filed) return undefined;
      replaced = outcome.replaced;
    } else {
      replaced = await this.deps.reports.update(article.id, fileReport);
    }
    const message = thanksMessage({
      prompt: question.prompt,
      reason,
      ...(note === undefined ? {} : { note }),
      ...(replaced === undefined ? {} : { replaced }),
    });
    return { messages: [{ target: { to: where }, message }] };
  }
}
