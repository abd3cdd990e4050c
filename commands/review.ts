// /review: the questions you missed, back when FSRS says you are about to forget them.
import { defineCommand, z } from '../src/command-kit/define-command.ts';

export default defineCommand({
  name: 'review',
  description: 'Go over questions you missed, when they are due (spaced repetition)',
  personal: true,
  options: z.object({}),
  run: (ctx) => ctx.core.quiz.review(ctx.actor),
});
