// What the bot needs in a Discord channel, how a person's DM is addressed, and what to say when it cannot post.

import { PermissionFlagsBits } from 'discord.js';
import { t } from '../../i18n/current-locale.ts';

/** What the bot needs in a channel to post briefs and quizzes there (embeds are links). */
export const POSTING_PERMISSIONS = [
  { flag: PermissionFlagsBits.ViewChannel, name: 'View Channel' },
  { flag: PermissionFlagsBits.SendMessages, name: 'Send Messages' },
  { flag: PermissionFlagsBits.EmbedLinks, name: 'Embed Links' },
] as const;

/** A user's DM with the bot, as the outbox addresses it before Discord has named the channel. */
export const dmChatId = (userId: string) => `dm:${userId}`;

/** Why the bot cannot post in a channel, for someone who may configure it. */
export const cannotPostText = (missing: readonly string[]) =>
  t('discord-cannot-post', {
    permissions:
      missing.length > 0
        ? missing.map((name) => t(`discord-permission-${name.toLowerCase().replace(/ /g, '-')}`)).join(', ')
        : t('discord-posting-permissions'),
    count: missing.length === 1 ? 1 : 2,
  });
