// Quiz rounds and the index of open ones (so timers can be re-armed after a restart).
import {
  openRoundsSchema,
  type QuestionAnswers,
  questionAnswersSchema,
  type Round,
  roundSchema,
} from '../core/records.ts';
import type { Mutation, RecordStore } from './record-store.ts';

/** Ended rounds stay readable for a week (late presses get a clear answer), then expire. */
const ROUND_TTL_MS = 7 * 86_400_000;
const OPEN_INDEX = 'rounds:open';
const key = (id: string) => `round:${id}`;
const answersKey = (id: string, position: number) => `round:${id}:q:${position}`;

export class RoundsRepository {
  constructor(private readonly records: RecordStore) {}

  get(id: string): Promise<Round | undefined> {
    return this.records.read(key(id), roundSchema);
  }

  async create(round: Round): Promise<void> {
    await this.records.write(key(round.id), round, ROUND_TTL_MS);
    await this.records.update(OPEN_INDEX, openRoundsSchema, (index) => ({
      next: { ids: [...(index?.ids ?? []).filter((id) => id !== round.id), round.id] },
      result: undefined,
    }));
  }

  update<R>(id: string, mutate: (round: Round | undefined) => Mutation<Round, R>): Promise<R> {
    return this.records.update(key(id), roundSchema, mutate, ROUND_TTL_MS);
  }

  answers(id: string, position: number): Promise<QuestionAnswers | undefined> {
    return this.records.read(answersKey(id, position), questionAnswersSchema);
  }

  /** Every position's answers up to and including `last`. */
  answersUpTo(id: string, last: number): Promise<(QuestionAnswers | undefined)[]> {
    return Promise.all(Array.from({ length: last + 1 }, (_, position) => this.answers(id, position)));
  }

  updateAnswers<R>(
    id: string,
    position: number,
    mutate: (current: QuestionAnswers | undefined) => Mutation<QuestionAnswers, R>,
  ): Promise<R> {
    return this.records.update(answersKey(id, position), questionAnswersSchema, mutate, ROUND_TTL_MS);
  }

  async markEnded(id: string): Promise<void> {
    await this.records.update(OPEN_INDEX, openRoundsSchema, (index) => ({
      next: { ids: (index?.ids ?? []).filter((openId) => openId !== id) },
      result: undefined,
    }));
  }

  async openIds(): Promise<string[]> {
    return (await this.records.read(OPEN_INDEX, openRoundsSchema))?.ids ?? [];
  }
}
