// /streak [rest <days>]: your daily streak with its freezes and rest days; set the weekdays you rest on.

import { defineCommand, z } from '../src/command-kit/define-command.ts';
import { echoTyped } from '../src/core/clip-text.ts';
import { message, reply } from '../src/core/output.ts';
import { streakMessage, weekdayList } from '../src/core/present-progress.ts';
import type { Weekday } from '../src/core/schedule-time.ts';
import { USER_ERRORS, UserError } from '../src/core/user-error.ts';
import { t } from '../src/i18n/current-locale.ts';
import { spellWeekday } from './weekday-option.ts';

/** `rest sat,sun`, `sat sun`, `Saturday, Sunday` → the days; `none` (or `off`) → no rest days. */
function restDays(text: string): Weekday[] {
  const words = text
    .toLowerCase()
    .split(/[\s,，、]+/)
    .filter((word) => word !== '' && word !== 'rest');
  if (words.length === 1 && (words[0] === 'none' || words[0] === 'off')) return [];
  return words.map((word) => {
    const day = spellWeekday(word);
    if (!day) {
      throw new UserError(USER_ERRORS.badOption, t('streak-not-a-weekday', { typed: echoTyped(word) }));
    }
    return day;
  });
}

export default defineCommand({
  name: 'streak',
  description: 'Your daily streak, its freezes and rest days; set rest days with: rest sat,sun',
  personal: true,
  options: z.object({
    rest: z
      .string()
      .trim()
      .max(80)
      .optional()
      .describe('Weekdays that neither break nor extend your streak, e.g. sat,sun, or none')
      .meta({ expected: 'weekdays separated by commas, or none', example: 'rest sat,sun' }),
  }),
  async run(ctx, { rest }) {
    if (rest !== undefined) {
      const days = restDays(rest);
      await ctx.core.progress.setRestDays(ctx.actor, days);
      const said =
        days.length > 0 ? t('streak-rest-set', { days: weekdayList(days) }) : t('streak-rest-cleared');
      return reply(message([{ kind: 'text', text: said }]), { to: 'private' });
    }
    const { streak, timezone, restDays: current } = await ctx.core.progress.streak(ctx.actor);
    return reply(streakMessage(ctx.actor.name, streak, current, timezone), { to: 'private' });
  },
});
