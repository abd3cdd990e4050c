// /help: what the bot does and every command it understands.
import { commandDescription } from '../src/command-kit/command-texts.ts';
import { commandUsage } from '../src/command-kit/command-usage.ts';
import { defineCommand, z } from '../src/command-kit/define-command.ts';
import { message, reply } from '../src/core/output.ts';
import { t } from '../src/i18n/current-locale.ts';

export default defineCommand({
  name: 'help',
  description: 'What this bot does and the commands it understands',
  options: z.object({}),
  async run(ctx) {
    return reply(
      message([
        { kind: 'title', text: t('help-title') },
        {
          kind: 'text',
          text: t('help-intro'),
        },
        {
          kind: 'list',
          items: ctx.commands.map((command) =>
            t('help-item', { usage: commandUsage(command), description: commandDescription(command) }),
          ),
        },
        {
          kind: 'footer',
          text: t('help-footer'),
        },
      ]),
    );
  },
});
