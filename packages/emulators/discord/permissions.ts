// Permission bit flags, the emulator's default permission sets, and parsing of permission inputs.

/** Bits as documented at https://discord.com/developers/docs/topics/permissions. */
export const Permission = {
  CreateInstantInvite: 1n << 0n,
  KickMembers: 1n << 1n,
  BanMembers: 1n << 2n,
  Administrator: 1n << 3n,
  ManageChannels: 1n << 4n,
  ManageGuild: 1n << 5n,
  AddReactions: 1n << 6n,
  ViewAuditLog: 1n << 7n,
  Stream: 1n << 9n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  SendTTSMessages: 1n << 12n,
  ManageMessages: 1n << 13n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  MentionEveryone: 1n << 17n,
  UseExternalEmojis: 1n << 18n,
  Connect: 1n << 20n,
  Speak: 1n << 21n,
  UseVAD: 1n << 25n,
  ChangeNickname: 1n << 26n,
  ManageNicknames: 1n << 27n,
  ManageRoles: 1n << 28n,
  ManageWebhooks: 1n << 29n,
  UseApplicationCommands: 1n << 31n,
  ManageThreads: 1n << 34n,
  CreatePublicThreads: 1n << 35n,
  CreatePrivateThreads: 1n << 36n,
  UseExternalStickers: 1n << 37n,
  SendMessagesInThreads: 1n << 38n,
  ModerateMembers: 1n << 40n,
  SendVoiceMessages: 1n << 46n,
  SendPolls: 1n << 49n,
  UseExternalApps: 1n << 50n,
} as const;

/** What a plain member without any management role has (roughly Discord's default @everyone). */
export const REGULAR_MEMBER_PERMISSIONS =
  Permission.CreateInstantInvite |
  Permission.AddReactions |
  Permission.Stream |
  Permission.ViewChannel |
  Permission.SendMessages |
  Permission.EmbedLinks |
  Permission.AttachFiles |
  Permission.ReadMessageHistory |
  Permission.UseExternalEmojis |
  Permission.Connect |
  Permission.Speak |
  Permission.UseVAD |
  Permission.ChangeNickname |
  Permission.UseApplicationCommands |
  Permission.CreatePublicThreads |
  Permission.CreatePrivateThreads |
  Permission.UseExternalStickers |
  Permission.SendMessagesInThreads |
  Permission.SendVoiceMessages |
  Permission.SendPolls |
  Permission.UseExternalApps;

/**
 * Default `member.permissions` of emulated interactions: a channel moderator, i.e. a regular member plus
 * Manage Channels / Manage Messages / Manage Threads. Pass REGULAR_MEMBER_PERMISSIONS to drop them.
 */
export const DEFAULT_MEMBER_PERMISSIONS =
  REGULAR_MEMBER_PERMISSIONS |
  Permission.ManageChannels |
  Permission.ManageMessages |
  Permission.ManageThreads;

/** Default permissions of the bot in every channel (`app_permissions`). */
export const DEFAULT_BOT_PERMISSIONS =
  Permission.ViewChannel |
  Permission.SendMessages |
  Permission.SendMessagesInThreads |
  Permission.EmbedLinks |
  Permission.AttachFiles |
  Permission.ReadMessageHistory |
  Permission.AddReactions |
  Permission.UseExternalEmojis |
  Permission.UseApplicationCommands;

/** `app_permissions` Discord sends for interactions in a DM with the bot. */
export const DM_APP_PERMISSIONS =
  Permission.AddReactions |
  Permission.ViewChannel |
  Permission.SendMessages |
  Permission.EmbedLinks |
  Permission.AttachFiles |
  Permission.ReadMessageHistory |
  Permission.UseExternalEmojis |
  Permission.UseApplicationCommands;

/** Permissions accept a bigint, a safe integer, or Discord's decimal string form. */
export type PermissionInput = bigint | number | string;

export function toPermissionBits(input: PermissionInput): bigint {
  if (typeof input === 'bigint') return input;
  if (typeof input === 'number') {
    if (!Number.isSafeInteger(input) || input < 0) throw new RangeError(`Invalid permission number ${input}`);
    return BigInt(input);
  }
  if (!/^\d+$/.test(input)) throw new RangeError(`Invalid permission string "${input}"`);
  return BigInt(input);
}

/** True when `bits` grants `flag` (Administrator grants everything). */
export function hasPermission(bits: bigint, flag: bigint): boolean {
  return (bits & Permission.Administrator) !== 0n || (bits & flag) === flag;
}
