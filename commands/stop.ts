// /stop: ends the chat's group quiz (whoever started it, or an admin), else your own solo quiz here.
import { defineCommand, z } from '../src/command-kit/define-command.ts';

export default defineCommand({
  name: 'stop',
  description: 'Stop the quiz running here (group: its starter or an admin)',
  options: z.object({}),
  run: (ctx) => ctx.core.quiz.stopInChat(ctx.actor, () => ctx.canManageChat()),
});
