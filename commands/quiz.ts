// /quiz [article] [mode] [seconds]: comprehension questions, solo or for the whole chat.
import { choiceOption } from '../src/command-kit/choice-option.ts';
import { defineCommand, z } from '../src/command-kit/define-command.ts';
import { findArticle } from '../src/core/find-article.ts';
import { allFinished } from '../src/core/unfinished-article.ts';
import { articleOption } from './article-option.ts';

export default defineCommand({
  name: 'quiz',
  description: 'Comprehension questions on an article, solo or for everyone in the chat',
  options: z.object({
    article: articleOption('the newest you have not finished'),
    mode: choiceOption(['solo', 'group'])
      .default('solo')
      .describe('solo: just you; group: everyone in the chat'),
    seconds: z.coerce
      .number()
      .int()
      .min(10)
      .max(300)
      .optional()
      .describe('Group mode: seconds per question (10–300, default 30)')
      .meta({ example: '30' }),
  }),
  async run(ctx, { article, mode, seconds }) {
    const catalog = ctx.core.catalog();
    if (article) return ctx.core.quiz.start(ctx.actor, findArticle(catalog, article), mode, seconds);
    // No article named: the newest one the person has not answered every question of.
    const unfinished = await ctx.core.progress.newestUnfinished(ctx.actor, catalog.all());
    const response = await ctx.core.quiz.start(ctx.actor, unfinished ?? findArticle(catalog), mode, seconds);
    return unfinished ? response : { ...response, notice: { text: allFinished(), tone: 'info' } };
  },
});
