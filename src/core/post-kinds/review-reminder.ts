// The review reminder (/remind): one private message a day at the person's time, when reviews are due
// or the streak is at risk; quiet otherwise (the run is skipped, saying so).
import { encodeAction } from '../action-payload.ts';
import type { Actor } from '../actor.ts';
import { type Block, type Button, message } from '../output.ts';
import { definePostKind } from './define-post-kind.ts';

const labels = {
  title: 'Review reminder',
  quiet: 'no reviews due and the streak is safe',
} as const;

const days = (count: number) => `${count} day${count === 1 ? '' : 's'}`;

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
    if (due.length === 0 && !atRisk) return { kind: 'skip', reason: labels.quiet };
    const blocks: Block[] = [
      {
        kind: 'title',
        text: `${labels.title} · ${due.length > 0 ? 'time for a review' : 'keep your streak'}`,
      },
    ];
    if (due.length > 0) {
      blocks.push({
        kind: 'text',
        text: `${due.length} question${due.length === 1 ? '' : 's'} you missed ${due.length === 1 ? 'is' : 'are'} due for review.`,
      });
    }
    if (atRisk) {
      blocks.push({
        kind: 'text',
        text:
          streak.restorable > 0
            ? `Finish a quiz or a review today to restore your ${days(streak.restorable)} streak.`
            : `Your ${days(streak.current)} streak ends at midnight (${reminder.timezone}) unless you answer today.`,
      });
    }
    blocks.push({
      kind: 'footer',
      text: `Reminder at ${reminder.time} (${reminder.timezone}). Change with /remind 20:00, stop with /remind off.`,
    });
    const buttons: Button[] = [];
    if (due.length > 0) {
      buttons.push({
        kind: 'action',
        label: 'Start review',
        style: 'primary',
        payload: encodeAction({ type: 'review' }),
      });
    }
    buttons.push({ kind: 'action', label: 'Latest news', payload: encodeAction({ type: 'news' }) });
    return { kind: 'post', payload: { kind: 'message', message: message(blocks, [buttons]) } };
  },
});
