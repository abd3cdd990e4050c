// Languages chosen with /language: for oneself (per platform account) or for a chat.
import { z } from 'zod';

/** A locale as matched when it was chosen: one of those the bot has (see src/i18n/locales.ts). */
const chosenLocale = z.string().min(2).max(35);

/** One choice per record: how choices were stored before they were kept in buckets (read to move them). */
export const languageChoiceSchema = z.object({
  v: z.literal(1),
  locale: chosenLocale,
});
export type LanguageChoice = z.infer<typeof languageChoiceSchema>;

/** The choices of one scope on one platform whose ids fall in one bucket: id → locale. */
export const languageBucketSchema = z.object({
  v: z.literal(1),
  choices: z.record(z.string().min(1).max(64), chosenLocale),
});
export type LanguageBucket = z.infer<typeof languageBucketSchema>;

/** Whose choice it is: a person's own, or a chat's (set by its admins; a private chat's by its person). */
export type LanguageScope = 'user' | 'chat';

/** Every choice made on one platform, by scope, then id. */
export type LanguageChoices = Record<LanguageScope, ReadonlyMap<string, string>>;

/** A choice to make (`locale`) or clear (`null`). */
export interface LanguageChange {
  scope: LanguageScope;
  id: string;
  locale: string | null;
}
