// /unsubscribe: stop one kind of regular post in this chat (admins only).
import { defineCommand, z } from '../src/command-kit/define-command.ts';
import { offeredKinds, postKindOption } from './post-kind-option.ts';

export default defineCommand({
  name: 'unsubscribe',
  description: `Stop posting ${offeredKinds} here (admins)`,
  manageChat: true,
  options: z.object({
    kind: postKindOption(),
  }),
  run: (ctx, { kind }) => ctx.core.subscriptions.unsubscribe(ctx.actor, kind),
});
