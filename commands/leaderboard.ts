// /leaderboard [period]: this chat's best players this week or of all time.
import { choiceOption } from '../src/command-kit/choice-option.ts';
import { defineCommand, z } from '../src/command-kit/define-command.ts';

export default defineCommand({
  name: 'leaderboard',
  description: "This chat's best players this week or of all time",
  options: z.object({
    period: choiceOption(['week', 'all']).default('week').describe('week: this week; all: all time'),
  }),
  run: (ctx, { period }) => ctx.core.progress.leaderboard(ctx.actor, period),
});
