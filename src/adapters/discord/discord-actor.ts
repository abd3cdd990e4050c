// Who acts in a Discord interaction and where, what they may configure, and what the bot may do there.

import { type BaseInteraction, PermissionFlagsBits } from 'discord.js';
import type { Actor } from '../../core/actor.ts';
import { t } from '../../i18n/current-locale.ts';

/** What the bot needs in a channel to post briefs and quizzes there (embeds are links). */
export const POSTING_PERMISSIONS = [
  { flag: PermissionFlagsBits.ViewChannel, name: 'View Channel' },
  { flag: PermissionFlagsBits.SendMessages, name: 'Send Messages' },
  { flag: PermissionFlagsBits.EmbedLinks, name: 'Embed Links' },
] as const;

/** The server nickname, else the global display name, else the username. */
export function displayName(interaction: BaseInteraction): string {
  const member = interaction.member;
  if (member && 'displayName' in member) return member.displayName;
  if (member) return member.nick ?? member.user.global_name ?? member.user.username;
  return interaction.user.globalName ?? interaction.user.username;
}

/** A user's DM with the bot, as the outbox addresses it before Discord has named the channel. */
export const dmChatId = (userId: string) => `dm:${userId}`;

/** Undefined when the interaction has no channel to answer in (Discord always sends one for ours). */
export function discordActor(interaction: BaseInteraction): Actor | undefined {
  const chatId = interaction.channelId;
  if (!chatId) return undefined;
  return {
    platform: 'discord',
    userId: interaction.user.id,
    name: displayName(interaction),
    chatId,
    chatKind: interaction.inGuild() ? 'group' : 'private',
    // The DM channel is opened when something is posted there (see discord-poster.ts).
    privateChatId: dmChatId(interaction.user.id),
    platformLocale: interaction.locale,
  };
}

/** Manage Channels in this channel; in a DM with the bot, the user manages their own chat. */
export function canManageChat(interaction: BaseInteraction): boolean {
  if (!interaction.inGuild()) return true;
  return interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false;
}

/** Names of the posting permissions the bot lacks in this channel (none in a DM). */
export function missingPostingPermissions(interaction: BaseInteraction): string[] {
  if (!interaction.inGuild()) return [];
  return POSTING_PERMISSIONS.filter(({ flag }) => !interaction.appPermissions.has(flag)).map(
    ({ name }) => name,
  );
}

/** Why the bot cannot post in a channel, for someone who may configure it. */
export const cannotPostText = (missing: readonly string[]) =>
  t('discord-cannot-post', {
    permissions:
      missing.length > 0
        ? missing.map((name) => t(`discord-permission-${name.toLowerCase().replace(/ /g, '-')}`)).join(', ')
        : t('discord-posting-permissions'),
    count: missing.length === 1 ? 1 : 2,
  });
