// /news [topic]: the latest briefs, optionally on one topic.
import { defineCommand, z } from '../src/command-kit/define-command.ts';
import { showNews } from '../src/core/news-page.ts';

export default defineCommand({
  name: 'news',
  description: 'The latest briefs, optionally on one topic',
  options: z.object({
    topic: z
      .string()
      .trim()
      .toLowerCase()
      .max(32)
      .optional()
      .describe('A topic such as ai or security (see /topics)')
      .meta({
        autocomplete: 'topic',
        expected: 'a topic of at most 32 characters (see /topics)',
        example: 'ai',
      }),
  }),
  async run(ctx, { topic }) {
    return showNews(ctx.core, topic, 0, { to: 'reply' });
  },
});
