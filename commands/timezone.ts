// /timezone <zone>: the time zone your daily streak is counted in.
import { defineCommand, z } from '../src/commands/define-command.ts';
import { message, reply } from '../src/core/output.ts';
import { timeZoneOption } from './timezone-option.ts';

export default defineCommand({
  name: 'timezone',
  description: 'Set the time zone your daily streak is counted in',
  personal: true,
  options: z.object({
    zone: timeZoneOption().describe('IANA time zone, e.g. Europe/Berlin'),
  }),
  async run(ctx, { zone }) {
    await ctx.core.progress.setTimezone(ctx.actor, zone);
    await ctx.core.reminders.followTimeZone(ctx.actor, zone);
    return reply(message([{ kind: 'text', text: `Your days now start at midnight in ${zone}.` }]), {
      to: 'private',
    });
  },
});
