// /help: what the bot does and every command it understands.
import { defineCommand, z } from '../src/commands/define-command.ts';
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
          items: ctx.commands.map((command) => {
            const args = command.specs
              .map((spec) => (spec.required ? `<${spec.name}>` : `[${spec.name}]`))
              .join(' ');
            return `/${command.name}${args ? ` ${args}` : ''}: ${command.description}`;
          }),
        },
        { kind: 'footer', text: 'An article can be named by its id or by words of its title.' },
      ]),
    );
  },
});
