// A language someone chose with /language: for themselves (per platform account) or for a chat.
import { z } from 'zod';

export const languageChoiceSchema = z.object({
  v: z.literal(1),
  /** One of the locales the bot has (see src/i18n/locales.ts), as matched when it was chosen. */
  locale: z.string().min(2).max(35),
});
export type LanguageChoice = z.infer<typeof languageChoiceSchema>;

/** Whose choice it is: a person's own, or a chat's (set by its admins; a private chat's by its person). */
export type LanguageScope = 'user' | 'chat';
