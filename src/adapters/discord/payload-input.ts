// An interaction's JSON (checked by interaction-payload.ts) as the bot needs it: who acts and where, what
// they may do, and what they asked for.
import { MessageFlags, PermissionFlagsBits } from 'discord.js';
import type { Actor } from '../../core/actor.ts';
import { dmChatId, POSTING_PERMISSIONS } from './discord-actor.ts';
import type { InteractionPlace } from './discord-delivery.ts';
import { DISCORD_WORDING } from './discord-wording.ts';
import type { DiscordInput, PressedOn } from './interaction-input.ts';
import {
  type ComponentPayload,
  channelOf,
  type InteractionPayload,
  type ModalPayload,
  modalText,
  optionValues,
  userOf,
} from './interaction-payload.ts';
import { FIELD_ID } from './render-modal.ts';

type Answerable = Exclude<InteractionPayload, { type: 4 }>;

/** The server nickname, else the global display name, else the username. */
function displayName(payload: InteractionPayload): string {
  const user = userOf(payload);
  return payload.member?.nick ?? user?.global_name ?? user?.username ?? '';
}

export function actorOf(payload: InteractionPayload): Actor | undefined {
  const chatId = channelOf(payload);
  const user = userOf(payload);
  if (!chatId || !user) return undefined;
  return {
    platform: 'discord',
    userId: user.id,
    name: displayName(payload),
    chatId,
    chatKind: payload.guild_id ? 'group' : 'private',
    privateChatId: dmChatId(user.id),
    wording: DISCORD_WORDING,
    ...(payload.locale ? { platformLocale: payload.locale } : {}),
  };
}

const has = (set: string | undefined, flag: bigint) => set !== undefined && (BigInt(set) & flag) === flag;

/** Names of the posting permissions the bot lacks in the channel (none in a DM). */
function missingPermissions(payload: InteractionPayload): string[] {
  if (!payload.guild_id) return [];
  return POSTING_PERMISSIONS.filter(({ flag }) => !has(payload.app_permissions, flag)).map(
    ({ name }) => name,
  );
}

/** Manage Channels in this channel; in a DM with the bot, the user manages their own chat. */
function canManage(payload: InteractionPayload): boolean {
  if (!payload.guild_id) return true;
  return has(payload.member?.permissions, PermissionFlagsBits.ManageChannels);
}

function pressedOn(payload: ComponentPayload | ModalPayload): PressedOn | undefined {
  const message = payload.message;
  if (!message) return undefined;
  return { id: message.id, ephemeral: ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0 };
}

export function inputOf(payload: Answerable): DiscordInput {
  const actor = actorOf(payload);
  switch (payload.type) {
    case 2:
      return {
        kind: 'command',
        actor,
        name: payload.data.name,
        values: optionValues(payload.data.options),
        canManage: canManage(payload),
        missing: missingPermissions(payload),
      };
    case 3:
      return {
        kind: 'press',
        actor,
        customId: payload.data.custom_id,
        pressed: { id: payload.message.id, ephemeral: pressedOn(payload)?.ephemeral ?? false },
      };
    case 5:
      return {
        kind: 'submit',
        actor,
        customId: payload.data.custom_id,
        text: modalText(payload, FIELD_ID),
        pressed: pressedOn(payload),
      };
  }
}

export function placeOfPayload(payload: Answerable): InteractionPlace {
  return {
    channelId: channelOf(payload) ?? null,
    pressed: payload.type === 2 ? undefined : pressedOn(payload),
    missingPermissions: () => missingPermissions(payload),
  };
}
