// /unsubscribe: stop one kind of regular post in this chat (admins only).
import { choiceOption } from '../src/command-kit/choice-option.ts';
import { defineCommand, z } from '../src/command-kit/define-command.ts';
import { SUBSCRIPTION_KINDS } from '../src/core/records/subscription.ts';

export default defineCommand({
  name: 'unsubscribe',
  description: 'Stop daily briefs, the weekly recap or the quiz of the day here (admins)',
  manageChat: true,
  options: z.object({
    kind: choiceOption(SUBSCRIPTION_KINDS).describe('daily-brief, weekly-recap or quiz-of-the-day'),
  }),
  run: (ctx, { kind }) => ctx.core.subscriptions.unsubscribe(ctx.actor, kind),
});
