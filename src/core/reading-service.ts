// Reading mode over the store: a step of an article, and the article counted as read at its end.
import type { Article } from '../content/article-schema.ts';
import type { Actor } from './actor.ts';
import type { Target } from './output.ts';
import { type Response, reply } from './output.ts';
import { readingStep, readingSteps } from './present-reading.ts';
import type { ProgressService } from './progress-service.ts';

export async function showReadingStep(
  progress: ProgressService,
  actor: Actor,
  article: Article,
  requested: number,
  target: Target,
): Promise<Response> {
  const step = Math.min(Math.max(0, requested), readingSteps(article) - 1);
  if (step === readingSteps(article) - 1) await progress.recordRead(actor, article.id);
  return reply(readingStep(article, step), target);
}
