// /link [code]: link your Discord and Telegram accounts, so progress, streak and reviews follow you.
import { defineCommand, z } from '../src/command-kit/define-command.ts';

export default defineCommand({
  name: 'link',
  description: 'Link your Discord and Telegram accounts: /link gives a code, /link CODE uses it',
  personal: true,
  options: z.object({
    code: z
      .string()
      .trim()
      .max(40)
      .optional()
      .describe('The code /link gave you on the other platform')
      .meta({ expected: 'the code /link showed on the other platform', example: '7KQ4X-M9TZC' }),
  }),
  // Codes and confirmations are personal: they go to the person, never to a group.
  run: (ctx, { code }) =>
    code === undefined || code === ''
      ? ctx.core.links.issue(ctx.actor)
      : ctx.core.links.redeem(ctx.actor, code),
});
