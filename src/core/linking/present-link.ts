// What /link and /unlink say, as neutral messages.
import { t } from '../../i18n/current-locale.ts';
import { encodeAction } from '../action-payload.ts';
import { message, type NeutralMessage } from '../output.ts';
import type { Account } from '../records/link.ts';
import type { Platform } from '../records/platform.ts';

/** A platform's name in the reader's language (`Discord`; the console is `the playground`). */
export const platformName = (platform: Platform): string => t(`platform-name-${platform}`);

/** `Telegram (Tess)`. */
export const accountName = (account: Pick<Account, 'platform'> & { name?: string | undefined }) =>
  account.name
    ? t('link-account-name', { platform: platformName(account.platform), name: account.name })
    : platformName(account.platform);

/** `Discord and Telegram (Tess)`. */
const bothNames = (accounts: readonly Account[]) => accounts.map(accountName).join(t('link-and'));

/** `elsewhere`: where the code is typed, in the words of the platform it was made on ("Discord"). */
export function codeMessage(elsewhere: string, shown: string, minutes: number): NeutralMessage {
  return message([
    { kind: 'title', text: t('link-title') },
    { kind: 'text', text: t('link-your-code') },
    { kind: 'code', text: shown },
    {
      kind: 'text',
      text: t('link-code-how', { code: shown, elsewhere, minutes }),
    },
    {
      kind: 'footer',
      text: t('link-code-once'),
    },
  ]);
}

export function linkedMessage(accounts: readonly Account[], timezoneFrom: Account): NeutralMessage {
  return message([
    { kind: 'title', text: t('link-linked-title') },
    { kind: 'text', text: t('link-linked-one-person', { accounts: bothNames(accounts) }) },
    {
      kind: 'list',
      items: [
        t('link-linked-progress'),
        t('link-linked-zone', { account: accountName(timezoneFrom) }),
        t('link-linked-boards'),
        t('link-linked-undo'),
      ],
    },
  ]);
}

/** `link` names the link it is shown for (see linkToken): the button undoes that link and no other. */
export function unlinkPrompt(accounts: readonly Account[], link: string): NeutralMessage {
  const [first, ...others] = accounts;
  return message(
    [
      { kind: 'title', text: t('unlink-title') },
      {
        kind: 'text',
        text: t('unlink-linked-now', { accounts: accounts.map(accountName).join(t('list-comma')) }),
      },
      {
        kind: 'text',
        text: t('unlink-what-happens', {
          first: first ? accountName(first) : t('unlink-the-first'),
          others: bothNames(others),
        }),
      },
    ],
    [
      [
        {
          kind: 'action',
          label: t('unlink-button'),
          style: 'danger',
          payload: encodeAction({ type: 'unlink', link }),
        },
      ],
    ],
  );
}

export function unlinkedMessage(first: Account, others: readonly Account[]): NeutralMessage {
  return message([
    { kind: 'title', text: t('unlink-done-title') },
    {
      kind: 'text',
      text: t('unlink-done', { first: accountName(first), others: bothNames(others), count: others.length }),
    },
  ]);
}
