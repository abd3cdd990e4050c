// /unlink: split linked accounts again, after a confirmation.
import { defineCommand, z } from '../src/command-kit/define-command.ts';

export default defineCommand({
  name: 'unlink',
  description: 'Unlink your Discord and Telegram accounts (history stays with the first)',
  personal: true,
  options: z.object({}),
  run: (ctx) => ctx.core.links.confirmUnlink(ctx.actor),
});
