// /news [topic]: the latest briefs, optionally on one topic.
import { defineCommand, z } from '../src/commands/define-command.ts';
import { NEWS_PAGE } from '../src/core/handle-action.ts';
import { message, reply } from '../src/core/output.ts';
import { newsList } from '../src/core/present-brief.ts';
import { USER_ERRORS, UserError } from '../src/core/user-error.ts';

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
    const catalog = ctx.core.catalog();
    const wanted = topic?.replace(/^#/, '');
    if (wanted && !catalog.topics().some((entry) => entry.topic === wanted)) {
      const known = catalog.topics().map((entry) => entry.topic);
      throw new UserError(
        USER_ERRORS.unknownTopic,
        `There is no topic "${wanted}". Topics: ${known.join(', ')}.`,
      );
    }
    const articles = catalog.all().filter((article) => !wanted || article.topics.includes(wanted));
    if (articles.length === 0) return reply(message([{ kind: 'text', text: 'There are no articles yet.' }]));
    return reply(newsList(articles.slice(0, NEWS_PAGE), ctx.core.clock.now(), wanted));
  },
});
