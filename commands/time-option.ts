// The `time` option: a time of day as people type it (08:30, 8:00, 8am, 8:30pm, 20.30), stored as HH:MM.
import { z } from '../src/command-kit/define-command.ts';

const TIME = /^(\d{1,2})(?:[:.h](\d{2}))?\s*([ap])\.?m\.?$|^(\d{1,2})[:.h](\d{2})$/i;

/** `HH:MM` (24-hour), or undefined when `text` is not a time of day. */
export function parseTimeOfDay(text: string): string | undefined {
  const match = TIME.exec(text.trim());
  if (!match) return undefined;
  const twelveHour = match[3] !== undefined;
  let hour = Number(twelveHour ? match[1] : match[4]);
  const minute = Number((twelveHour ? match[2] : match[5]) ?? '0');
  if (minute > 59) return undefined;
  if (twelveHour) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (match[3]?.toLowerCase() === 'p' ? 12 : 0);
  } else if (hour > 23) return undefined;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

export const timeOption = () =>
  z
    .string()
    .trim()
    .transform((value, ctx) => {
      const time = parseTimeOfDay(value);
      if (time === undefined) ctx.addIssue({ code: 'custom', message: 'not a time of day' });
      return time ?? value;
    })
    .describe('Time of day, e.g. 08:30, 8am or 8:30pm')
    .meta({
      expected: 'a time of day such as 08:30, 8am or 8:30pm',
      example: '08:30',
      // Words shaped like a time go to this option, even when the time itself is wrong (25:00).
      match: /^(\d{1,2}[:.h]\d{2}|\d{1,2}([:.h]\d{2})?[ap]\.?m\.?)$/i,
    });
