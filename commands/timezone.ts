// /timezone [zone]: the time zone your daily streak is counted in; alone, the zone in use now.

import { defineCommand, z } from '../src/command-kit/define-command.ts';
import { message, reply } from '../src/core/output.ts';
import { takenAsText } from '../src/core/time-zone-names.ts';
import { t } from '../src/i18n/current-locale.ts';
import { timeZoneOption } from './timezone-option.ts';

export default defineCommand({
  name: 'timezone',
  description: 'The time zone your daily streak is counted in: a city or an IANA name',
  personal: true,
  options: z.object({
    zone: timeZoneOption().optional().describe('A city or IANA time zone, e.g. Berlin or Europe/Berlin'),
  }),
  async run(ctx, { zone }) {
    if (zone === undefined) {
      const own = await ctx.core.progress.ownTimeZone(ctx.actor.platform, ctx.actor.userId);
      const text = own
        ? t('timezone-own', { zone: own })
        : t('timezone-default', { zone: ctx.core.defaultTimeZone });
      return reply(message([{ kind: 'text', text }]), { to: 'private' });
    }
    await ctx.core.reminders.setTimeZone(ctx.actor, zone.zone);
    const note = takenAsText(zone);
    return reply(
      message([
        { kind: 'text', text: t('timezone-set', { zone: zone.zone }) },
        ...(note ? [{ kind: 'text' as const, text: note }] : []),
      ]),
      { to: 'private' },
    );
  },
});
