// /progress: your articles read, answers, accuracy and daily streak.
import { defineCommand, z } from '../src/commands/define-command.ts';

export default defineCommand({
  name: 'progress',
  description: 'Your articles read, answers, accuracy and daily streak',
  options: z.object({}),
  run: (ctx) => ctx.core.progress.show(ctx.actor),
});
