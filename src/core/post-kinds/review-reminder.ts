// The review reminder (/remind): one private message a day at the person's time, when reviews are due
// or the streak is at risk; quiet otherwise (the run is skipped, saying so).
import { t } from '../../i18n/current-locale.ts';
import { encodeAction } from '../action-payload.ts';
import type { Actor } from '../actor.ts';
import { type Block, type Button, message } from '../output.ts';
import { definePostKind, kindLabel, kindReason } from './define-post-kind.ts';

const labels = {
  title: 'Review reminder',
  quiet: 'no reviews due and the streak is safe',
} as const;
const say = (key: keyof typeof labels) => kindLabel('review-reminder', labels, key);
const why = (key: keyof typeof labels) => kindReason('review-reminder', labels, key);

export default definePostKind({
  name: 'review-reminder',
  labels,
  audience: 'person',
  every: 'day',
  async compose({ core, subscription: reminder }) {
    await core.effects.flush();
    const now = core.clock.now();
    const actor: Actor = {
      platform: reminder.platform,
      userId: reminder.createdBy,
      name: reminder.createdBy,
      chatId: reminder.chatId,
      chatKind: 'private',
      privateChatId: reminder.chatId,
    };
    const [{ due }, { streak }] = await Promise.all([
      core.reviews.due(reminder.platform, reminder.createdBy, now),
      core.progress.streak(actor),
    ]);
    const atRisk = !streak.activeToday && (streak.current > 0 || streak.restorable > 0);
    if (due.length === 0 && !atRisk) return { kind: 'skip', reason: why('quiet') };
    const blocks: Block[] = [
      {
        kind: 'title',
        text: t('post-heading', {
          title: say('title'),
          when: due.length > 0 ? t('reminder-time-for-review') : t('reminder-keep-streak'),
        }),
      },
    ];
    if (due.length > 0) {
      blocks.push({
        kind: 'text',
        text: t('reminder-due', { count: due.length }),
      });
    }
    if (atRisk) {
      blocks.push({
        kind: 'text',
        text:
          streak.restorable > 0
            ? t('reminder-restore', { count: streak.restorable })
            : t('reminder-at-risk', { count: streak.current, zone: reminder.timezone }),
      });
    }
    blocks.push({
      kind: 'footer',
      text: t('reminder-footer', { time: reminder.time, zone: reminder.timezone }),
    });
    const buttons: Button[] = [];
    if (due.length > 0) {
      buttons.push({
        kind: 'action',
        label: t('reminder-start-review'),
        style: 'primary',
        payload: encodeAction({ type: 'review' }),
      });
    }
    buttons.push({
      kind: 'action',
      label: t('reminder-latest-news'),
      payload: encodeAction({ type: 'news' }),
    });
    return { kind: 'post', payload: { kind: 'message', message: message(blocks, [buttons]) } };
  },
});
