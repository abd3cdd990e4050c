// /subscriptions: this chat's regular posts and when each comes next.
import { defineCommand, z } from '../src/command-kit/define-command.ts';

export default defineCommand({
  name: 'subscriptions',
  description: "This chat's regular posts and when each comes next",
  options: z.object({}),
  run: (ctx) => ctx.core.subscriptions.list(ctx.actor),
});
