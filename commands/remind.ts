// /remind [time|off]: a private reminder at that time on days when reviews are due or the streak is at risk.
import { defineCommand, z } from '../src/command-kit/define-command.ts';
import { parseTimeOfDay } from './time-option.ts';

export default defineCommand({
  name: 'remind',
  description: 'A private reminder when reviews are due or your streak is at risk: 19:00, 7pm or off',
  personal: true,
  options: z.object({
    time: z
      .string()
      .trim()
      .transform((value, ctx) => {
        if (value.toLowerCase() === 'off') return 'off';
        const time = parseTimeOfDay(value);
        if (time === undefined) ctx.addIssue({ code: 'custom', message: 'not a time of day or off' });
        return time ?? value;
      })
      .optional()
      .describe('Time of day, e.g. 19:00 or 7pm, or off')
      .meta({ expected: 'a time of day such as 19:00 or 7pm, or off', example: '19:00' }),
  }),
  run(ctx, { time }) {
    if (time === undefined) return ctx.core.reminders.status(ctx.actor);
    if (time === 'off') return ctx.core.reminders.off(ctx.actor);
    return ctx.core.reminders.set(ctx.actor, time);
  },
});
