// The `zone`/`timezone` option: an IANA time zone in any letter case, stored as its canonical name.
import { z } from '../src/commands/define-command.ts';
import { canonicalTimeZone } from '../src/config.ts';

export const timeZoneOption = () =>
  z
    .string()
    .trim()
    .transform((value, ctx) => {
      const zone = canonicalTimeZone(value);
      if (zone === undefined) ctx.addIssue({ code: 'custom', message: 'not a time zone' });
      return zone ?? value;
    })
    .meta({
      autocomplete: 'timezone',
      expected: 'an IANA time zone such as America/New_York or UTC',
      example: 'Europe/Berlin',
    });
