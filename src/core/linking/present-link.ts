// What /link and /unlink say, as neutral messages.
import { encodeAction } from '../action-payload.ts';
import { message, type NeutralMessage } from '../output.ts';
import type { Account } from '../records/link.ts';
import type { Platform } from '../records/platform.ts';

export const PLATFORM_NAMES: Record<Platform, string> = {
  discord: 'Discord',
  telegram: 'Telegram',
  console: 'the playground',
};

/** `Telegram (Tess)`. */
export const accountName = (account: Pick<Account, 'platform'> & { name?: string | undefined }) =>
  account.name ? `${PLATFORM_NAMES[account.platform]} (${account.name})` : PLATFORM_NAMES[account.platform];

/** `elsewhere`: where the code is typed, in the words of the platform it was made on ("Discord"). */
export function codeMessage(elsewhere: string, shown: string, minutes: number): NeutralMessage {
  return message([
    { kind: 'title', text: 'Link your accounts' },
    { kind: 'text', text: 'Your one-time code:' },
    { kind: 'code', text: shown },
    {
      kind: 'text',
      text: `Type /link ${shown} on ${elsewhere} within ${minutes} minutes. Your progress, streak, review cards and time zone then follow you on both.`,
    },
    {
      kind: 'footer',
      text: 'The code works once. Do not share it: whoever types it joins your progress.',
    },
  ]);
}

export function linkedMessage(accounts: readonly Account[], timezoneFrom: Account): NeutralMessage {
  return message([
    { kind: 'title', text: 'Accounts linked' },
    { kind: 'text', text: `${accounts.map(accountName).join(' and ')} are now one person here.` },
    {
      kind: 'list',
      items: [
        'Progress, streak and review cards count answers from both.',
        `Days are counted in the time zone of ${accountName(timezoneFrom)}.`,
        'Leaderboards stay per chat and show the name you have there.',
        'Undo it with /unlink on either platform.',
      ],
    },
  ]);
}

/** `link` names the link it is shown for (see linkToken): the button undoes that link and no other. */
export function unlinkPrompt(accounts: readonly Account[], link: string): NeutralMessage {
  const [first, ...others] = accounts;
  return message(
    [
      { kind: 'title', text: 'Unlink your accounts?' },
      {
        kind: 'text',
        text: `Linked now: ${accounts.map(accountName).join(', ')}.`,
      },
      {
        kind: 'text',
        text: `Your history (progress, streak, review cards, time zone) stays with your first account, ${first ? accountName(first) : 'the first one'}. ${others.map(accountName).join(' and ')} will start afresh.`,
      },
    ],
    [[{ kind: 'action', label: 'Unlink', style: 'danger', payload: encodeAction({ type: 'unlink', link }) }]],
  );
}

export function unlinkedMessage(first: Account, others: readonly Account[]): NeutralMessage {
  return message([
    { kind: 'title', text: 'Accounts unlinked' },
    {
      kind: 'text',
      text: `Your history stays with ${accountName(first)}; ${others.map(accountName).join(' and ')} start${others.length === 1 ? 's' : ''} afresh. Link again any time with /link.`,
    },
  ]);
}
