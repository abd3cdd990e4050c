// /subscribe: regular posts for this chat (admins only).
import { defineCommand, z } from '../src/commands/define-command.ts';
import { isTimeZone } from '../src/config.ts';
import { SUBSCRIPTION_KINDS } from '../src/core/records.ts';
import { WEEKDAYS } from '../src/core/schedule-time.ts';

const TIME = /^([01]?\d|2[0-3]):[0-5]\d$/;

export default defineCommand({
  name: 'subscribe',
  description: 'Post daily briefs, a weekly recap or a quiz of the day here (admins)',
  manageChat: true,
  schedulesPosts: true,
  options: z.object({
    kind: z.enum(SUBSCRIPTION_KINDS).describe('daily-brief, weekly-recap or quiz-of-the-day'),
    time: z
      .string()
      .trim()
      .regex(TIME, 'a 24-hour time such as 08:30')
      .transform((value) => value.padStart(5, '0'))
      .describe('Time of day, 24-hour HH:MM, e.g. 08:30')
      .meta({ match: /^\d{1,2}:\d{2}$/ }),
    weekday: z.enum(WEEKDAYS).optional().describe('Weekly recap: the day (mon–sun)'),
    timezone: z
      .string()
      .trim()
      .refine(isTimeZone, 'an IANA time zone such as Europe/Berlin or UTC')
      .optional()
      .describe('IANA time zone, e.g. Europe/Berlin (default: the bot’s)')
      .meta({ autocomplete: 'timezone', match: /^(UTC|GMT|[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+)$/ }),
    topics: z
      .string()
      .trim()
      .toLowerCase()
      .optional()
      .describe('Only these topics, comma-separated, e.g. ai,security')
      .meta({ autocomplete: 'topic' }),
  }),
  run(ctx, options) {
    return ctx.core.subscriptions.subscribe(ctx.actor, {
      kind: options.kind,
      time: options.time,
      weekday: options.weekday,
      timezone: options.timezone ?? ctx.core.defaultTimeZone,
      topics: (options.topics ?? '')
        .split(/[\s,#]+/)
        .map((topic) => topic.trim())
        .filter(Boolean),
    });
  },
});
