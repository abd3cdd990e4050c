// /subscribe: regular posts for this chat (admins only).
import { defineCommand, z } from '../src/command-kit/define-command.ts';
import { offeredKinds, postKindOption, weeklyKinds } from './post-kind-option.ts';
import { timeOption } from './time-option.ts';
import { timeZoneOption } from './timezone-option.ts';
import { weekdayOption } from './weekday-option.ts';

export default defineCommand({
  name: 'subscribe',
  description: `Post ${offeredKinds} here (admins)`,
  manageChat: true,
  schedulesPosts: true,
  options: z.object({
    kind: postKindOption(),
    time: timeOption(),
    weekday: weekdayOption().optional().describe(`${weeklyKinds}: the day (mon–sun, or Monday…)`),
    timezone: timeZoneOption()
      .optional()
      .describe('A city or IANA time zone, e.g. Europe/Berlin (default: the chat’s, else yours)')
      // An IANA name, or an abbreviation in capitals (CET, EST): said back as the zone it was taken as.
      .meta({ match: /^(UTC|GMT|[A-Z]{3,4}|[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+)$/ }),
    topics: z
      .string()
      .trim()
      .toLowerCase()
      .max(200)
      .optional()
      .describe('Only these topics, comma-separated, e.g. ai,security')
      .meta({
        autocomplete: 'topic',
        expected: 'topics separated by commas (see /topics)',
        example: 'ai,security',
      }),
  }),
  run(ctx, options) {
    return ctx.core.subscriptions.subscribe(ctx.actor, {
      kind: options.kind,
      time: options.time,
      weekday: options.weekday,
      timezone: options.timezone?.zone,
      abbreviation: options.timezone?.abbreviation,
      topics: (options.topics ?? '')
        .split(/[\s,#]+/)
        .map((topic) => topic.trim())
        .filter(Boolean),
    });
  },
});
