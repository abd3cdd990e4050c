// What a language model writes for a draft, as one zod schema made of the article schema's own parts: the
// JSON schema sent with the request is derived from it, and the answer is validated with it.
import { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import {
  audienceSchema,
  briefSchema,
  focusSentenceSchema,
  writtenQuestionSchema,
} from '../content/article-schema.ts';
import { MAX_FOCUS } from './built-in-drafter.ts';

/** Questions a model writes; the quiz generates the rest from the tagged focus sentences. */
export const MAX_MODEL_QUESTIONS = 8;

export const modelDraftSchema = z.strictObject({
  audience: audienceSchema,
  ...briefSchema.shape,
  reading: z
    .array(focusSentenceSchema)
    .min(1, 'needs at least 1 focus sentence')
    .max(MAX_FOCUS, `allows at most ${MAX_FOCUS} focus sentences`),
  questions: z
    .array(writtenQuestionSchema)
    .max(MAX_MODEL_QUESTIONS, `allows at most ${MAX_MODEL_QUESTIONS} questions`),
});
export type ModelDraft = z.infer<typeof modelDraftSchema>;

/** The `response_format` of a chat completion (structured outputs, strict), as the official client builds it. */
export const modelResponseFormat = zodResponseFormat(modelDraftSchema, 'article_draft');
