// /brief [article]: the 30-second brief of an article, with its sections behind buttons.
import { defineCommand, z } from '../src/command-kit/define-command.ts';
import { findArticle } from '../src/core/find-article.ts';
import { reply } from '../src/core/output.ts';
import { briefCard } from '../src/core/present-brief.ts';
import { articleOption } from './article-option.ts';

export default defineCommand({
  name: 'brief',
  description: 'The 30-second brief of an article',
  options: z.object({ article: articleOption() }),
  async run(ctx, { article }) {
    return reply(briefCard(findArticle(ctx.core.catalog(), article), ctx.core.clock.now()));
  },
});
