// /help: what the bot does and every command it understands.
import { commandUsage } from '../src/command-kit/command-usage.ts';
import { defineCommand, z } from '../src/command-kit/define-command.ts';
import { message, reply } from '../src/core/output.ts';

export default defineCommand({
  name: 'help',
  description: 'What this bot does and the commands it understands',
  options: z.object({}),
  async run(ctx) {
    return reply(
      message([
        { kind: 'title', text: 'newsquiz: news briefs and reading quizzes' },
        {
          kind: 'text',
          text: 'Read a 30-second brief, step through the key sentences, then test yourself or the whole chat.',
        },
        {
          kind: 'list',
          items: ctx.commands.map((command) => `${commandUsage(command)}: ${command.description}`),
        },
        {
          kind: 'footer',
          text: '<…> is needed, […] is optional, a|b lists the values. An article is named by its id or words of its title; quote values with spaces: /quiz "deepseek delay" group.',
        },
      ]),
    );
  },
});
