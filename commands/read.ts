// /read [article]: step through an article's focus sentences, then take the challenge.
import { defineCommand, z } from '../src/command-kit/define-command.ts';
import { findArticle } from '../src/core/find-article.ts';
import { showReadingStep } from '../src/core/reading-service.ts';
import { articleOption } from './article-option.ts';

export default defineCommand({
  name: 'read',
  description: 'Read the key sentences of an article, one at a time',
  personal: true,
  options: z.object({ article: articleOption() }),
  async run(ctx, { article }) {
    const found = findArticle(ctx.core.catalog(), article);
    // Reading is personal: in a group it goes to the reader (ephemeral on Discord, a private chat on Telegram).
    return showReadingStep(ctx.core.progress, ctx.actor, found, 0, { to: 'private' });
  },
});
