// /progress: your articles read, answers, accuracy and daily streak.
import { defineCommand, z } from '../src/command-kit/define-command.ts';

export default defineCommand({
  name: 'progress',
  description: 'Your articles read, answers, accuracy and daily streak',
  personal: true,
  options: z.object({}),
  // One's own progress is personal: in a group it goes to the person, not to everyone.
  run: async (ctx) => {
    const shown = await ctx.core.progress.show(ctx.actor);
    return { ...shown, messages: shown.messages.map((out) => ({ ...out, target: { to: 'private' } })) };
  },
});
