// Review cards: graded from answers (a wrong answer makes one, a right answer to a carded question
// counts as its review), and the cards due for a user.
import type { Article } from '../../content/article-schema.ts';
import type { ArticleCatalog } from '../article-catalog.ts';
import type { ReviewCardsPort } from '../ports.ts';
import type { AnswerRecord } from '../records/answer.ts';
import type { Platform } from '../records/platform.ts';
import { cardId, type ReviewCard, type UserCards } from '../records/review-card.ts';
import { gradeCard } from './grade-card.ts';
import { questionKey } from './question-key.ts';

export interface DueCard {
  id: string;
  card: ReviewCard;
}

export interface ReviewDeps {
  cards: ReviewCardsPort;
  catalog: () => ArticleCatalog;
}

/** The question keys of an article, worked out once per loaded article (a reload makes new objects). */
const keysOf = new WeakMap<Article, ReadonlySet<string>>();
function questionKeys(article: Article): ReadonlySet<string> {
  let keys = keysOf.get(article);
  if (!keys) {
    keys = new Set(article.questions.map((question) => questionKey(question.prompt)));
    keysOf.set(article, keys);
  }
  return keys;
}

const answerId = (answer: AnswerRecord) => `${answer.roundId}:${answer.position}:${answer.userId}`;

export class ReviewService {
  constructor(private readonly deps: ReviewDeps) {}

  /** The card id an answer grades, or undefined when its article or question is gone. */
  #cardOf(answer: AnswerRecord): { id: string; key: string } | undefined {
    const question = this.deps.catalog().byId(answer.articleId)?.questions[answer.question];
    if (!question) return undefined;
    const key = questionKey(question.prompt);
    return { id: cardId(answer.articleId, key), key };
  }

  /**
   * Grades a batch of recorded answers into their users' cards; safe to run twice (an answer already
   * graded into a card changes nothing). `from` is 'review' for answers given in /review.
   */
  async grade(
    answers: readonly AnswerRecord[],
    from: (answer: AnswerRecord) => 'quiz' | 'review',
  ): Promise<void> {
    const byUser = new Map<string, { platform: Platform; userId: string; answers: AnswerRecord[] }>();
    for (const answer of answers) {
      const user = `${answer.platform}\u0000${answer.userId}`;
      const entry = byUser.get(user) ?? { platform: answer.platform, userId: answer.userId, answers: [] };
      entry.answers.push(answer);
      byUser.set(user, entry);
    }
    // Users who only answered right need a write only if one of those questions is carded already.
    const rightOnly = [...byUser.values()].filter((entry) => entry.answers.every((answer) => answer.correct));
    const known = new Map<string, UserCards | undefined>();
    for (const platform of new Set(rightOnly.map((entry) => entry.platform))) {
      const users = rightOnly.filter((entry) => entry.platform === platform);
      const found = await this.deps.cards.getMany(
        platform,
        users.map((entry) => entry.userId),
      );
      users.forEach((entry, index) => {
        known.set(`${platform}\u0000${entry.userId}`, found[index]);
      });
    }
    // Every user's cards in one change per platform: one read and one write for the whole batch.
    const toGrade = new Map<Platform, Map<string, AnswerRecord[]>>();
    for (const [user, entry] of byUser) {
      if (known.has(user)) {
        const cards = known.get(user)?.cards ?? {};
        if (!entry.answers.some((answer) => cards[this.#cardOf(answer)?.id ?? ''])) continue;
      }
      const users = toGrade.get(entry.platform) ?? new Map<string, AnswerRecord[]>();
      toGrade.set(entry.platform, users);
      users.set(entry.userId, entry.answers);
    }
    for (const [platform, users] of toGrade) {
      await this.deps.cards.updateMany(platform, [...users.keys()], (current, userId) => {
        const cards = { ...(current?.cards ?? {}) };
        let changed = false;
        for (const answer of users.get(userId) ?? []) {
          const of = this.#cardOf(answer);
          if (!of) continue;
          const before = cards[of.id];
          const after = gradeCard(before, {
            articleId: answer.articleId,
            questionKey: of.key,
            correct: answer.correct,
            at: answer.at,
            answerId: answerId(answer),
            from: from(answer),
          });
          if (after && after !== before) {
            cards[of.id] = after;
            changed = true;
          }
        }
        return changed ? { v: 1 as const, cards } : undefined;
      });
    }
  }

  /** A user's cards due by `now`, soonest first; cards whose article or question is gone are dropped. */
  async due(
    platform: Platform,
    userId: string,
    now: number,
  ): Promise<{ due: DueCard[]; next: number | null }> {
    const stored = await this.deps.cards.get(platform, userId);
    const catalog = this.deps.catalog();
    const live: DueCard[] = [];
    const retired: string[] = [];
    for (const [id, card] of Object.entries(stored?.cards ?? {})) {
      const article = catalog.byId(card.articleId);
      if (article && questionKeys(article).has(card.questionKey)) live.push({ id, card });
      else retired.push(id);
    }
    if (retired.length > 0) await this.#retire(platform, userId, retired);
    live.sort((a, b) => a.card.fsrs.due - b.card.fsrs.due);
    const due = live.filter((entry) => entry.card.fsrs.due <= now);
    const later = live.find((entry) => entry.card.fsrs.due > now);
    return { due, next: later ? later.card.fsrs.due : null };
  }

  async #retire(platform: Platform, userId: string, ids: readonly string[]): Promise<void> {
    await this.deps.cards.update(platform, userId, (current) => {
      if (!current) return { result: undefined };
      const cards = { ...current.cards };
      for (const id of ids) delete cards[id];
      return { next: { v: 1 as const, cards }, result: undefined };
    });
  }
}
