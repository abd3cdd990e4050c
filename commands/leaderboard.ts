// /leaderboard [period]: this chat's best players this week or of all time.
import { defineCommand, z } from '../src/commands/define-command.ts';

export default defineCommand({
  name: 'leaderboard',
  description: "This chat's best players this week or of all time",
  options: z.object({
    period: z.enum(['week', 'all']).default('week').describe('week: this week; all: all time'),
  }),
  run: (ctx, { period }) => ctx.core.progress.leaderboard(ctx.actor, period),
});
