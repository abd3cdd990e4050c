// /recap: the weekly recap on demand: the past 7 days' articles and this week's quiz standings here.

import { defineCommand, z } from '../src/command-kit/define-command.ts';
import { isoWeek } from '../src/core/calendar.ts';
import { message, reply } from '../src/core/output.ts';
import { weeklyRecapMessage } from '../src/core/post-kinds/weekly-recap.ts';
import { t } from '../src/i18n/current-locale.ts';

export default defineCommand({
  name: 'recap',
  description: "The past week's articles and this chat's quiz standings this week",
  options: z.object({}),
  async run(ctx) {
    const now = ctx.core.clock.now();
    const week = isoWeek(now, ctx.core.defaultTimeZone);
    const standings = await ctx.core.progress.ranking(ctx.actor.platform, ctx.actor.chatId, { week });
    const recap = weeklyRecapMessage(
      ctx.core.catalog().all(),
      now,
      standings,
      week,
      ctx.core.defaultTimeZone,
    );
    if (recap) return reply(recap);
    return reply(
      message([
        {
          kind: 'text',
          text: t('recap-nothing'),
        },
      ]),
    );
  },
});
