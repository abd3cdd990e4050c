// /topics: the topics articles cover, with a button for each.
import { defineCommand, z } from '../src/command-kit/define-command.ts';
import { message, reply } from '../src/core/output.ts';
import { topicsList } from '../src/core/present-brief.ts';

export default defineCommand({
  name: 'topics',
  description: 'The topics articles cover',
  options: z.object({}),
  async run(ctx) {
    const topics = ctx.core.catalog().topics();
    if (topics.length === 0) return reply(message([{ kind: 'text', text: 'There are no articles yet.' }]));
    return reply(topicsList(topics));
  },
});
