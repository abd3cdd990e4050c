// The `zone`/`timezone` option: an IANA time zone in any letter case, a city, or an abbreviation
// (taken as a zone, which the reply then says); a near miss is refused with the zones it may mean.
import { z } from '../src/command-kit/define-command.ts';
import { resolveTimeZone, suggestTimeZones, type TypedZone } from '../src/core/time-zone-names.ts';

export const timeZoneOption = () =>
  z
    .string()
    .trim()
    .max(64)
    .transform((value, ctx): TypedZone => {
      const typed = resolveTimeZone(value);
      if (typed) return typed;
      ctx.addIssue({
        code: 'custom',
        message: 'not a time zone',
        params: { suggestions: suggestTimeZones(value) },
      });
      return { zone: value };
    })
    .meta({
      autocomplete: 'timezone',
      expected: 'a time zone: a city such as Berlin, or an IANA name such as America/New_York or UTC',
      example: 'Europe/Berlin',
    });
