// Per chat: the articles it had as its quiz of the day (changed under the store's lock).

import type { Mutation, QuizOfTheDayPort } from '../core/ports.ts';
import type { Platform } from '../core/records/platform.ts';
import { type QuizOfTheDayHistory, quizOfTheDayHistorySchema } from '../core/records/quiz-of-the-day.ts';
import type { Records } from './store-contract.ts';

const key = (platform: Platform, chatId: string) => `quiz-of-the-day:${platform}:${chatId}`;

export class QuizOfTheDayRepository implements QuizOfTheDayPort {
  constructor(private readonly records: Records) {}

  update<R>(
    platform: Platform,
    chatId: string,
    mutate: (current: QuizOfTheDayHistory | undefined) => Mutation<QuizOfTheDayHistory, R>,
  ): Promise<R> {
    return this.records.update(key(platform, chatId), quizOfTheDayHistorySchema, mutate);
  }
}
