// Builds stored messages from validated payloads: creation, edits, attachments, component ids and mentions.
import type {
  APIAllowedMentions,
  APIAttachment,
  APIMessage,
  APIMessageInteraction,
  APIMessageInteractionMetadata,
  APIMessageTopLevelComponent,
  APIPoll,
  APIUser,
  MessageType,
} from 'discord-api-types/v10';
import { Errors, FormErrors } from './errors.ts';
import { snowflake } from './ids.ts';
import { clone, isInteger, isRecord } from './json.ts';
import { isEmpty, MessageFlag, type MessageInput } from './validate-message.ts';
import type { ChannelState, MessageState, World } from './world.ts';

export interface UploadedFile {
  field: string;
  /** The n of `files[n]`; attachments reference uploads by this index. */
  index: number;
  name: string;
  contentType: string;
  data: Buffer;
}

export interface NewMessage {
  channel: ChannelState;
  input: MessageInput;
  files: readonly UploadedFile[];
  author: APIUser;
  type: MessageType;
  ephemeral: boolean;
  /** Deferred "is thinking…" placeholder (flag 128). */
  loading?: boolean;
  webhookId?: string;
  /** `legacy` is the deprecated `interaction` field, only sent for application command responses. */
  interaction?: { metadata: APIMessageInteractionMetadata; legacy: APIMessageInteraction | null; id: string };
  /** Base URL for attachment links, e.g. http://127.0.0.1:1234. */
  origin: string;
}

/** Creates and stores a message. Ephemeral messages are stored but not listed in the channel. */
export function createMessage(world: World, params: NewMessage): MessageState {
  const { channel, input } = params;
  const id = snowflake();
  const referenced = resolveReference(world, channel, input);
  const allowedMentions = input.allowed_mentions ?? null;
  let flags = input.flags ?? 0;
  if (params.ephemeral) flags |= MessageFlag.Ephemeral;
  else flags &= ~MessageFlag.Ephemeral;
  if (params.loading) flags |= MessageFlag.Loading;
  const content = input.content ?? '';
  const legacy = params.interaction?.legacy ?? null;
  const message: APIMessage = {
    id,
    channel_id: channel.id,
    author: clone(params.author),
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: input.tts ?? false,
    ...mentions(world, channel, content, allowedMentions, referenced),
    attachments: buildAttachments(world, channel, [], input, params.files, params.origin),
    embeds: clone(input.embeds ?? []),
    pinned: false,
    type: referenced && params.type === 0 ? (19 as MessageType) : params.type,
    flags,
    components: numberComponents(input.components ?? []),
    ...(input.nonce === undefined ? {} : { nonce: input.nonce }),
    ...(params.webhookId === undefined
      ? {}
      : { webhook_id: params.webhookId, application_id: world.applicationId }),
    ...(params.interaction ? { interaction_metadata: clone(params.interaction.metadata) } : {}),
    ...(legacy === null ? {} : { interaction: clone(legacy) }),
    ...(referenced
      ? {
          message_reference: {
            type: 0,
            message_id: referenced.id,
            channel_id: channel.id,
            ...(channel.guildId === null ? {} : { guild_id: channel.guildId }),
          },
          referenced_message: clone(referenced),
        }
      : {}),
    ...(input.poll ? { poll: buildPoll(input.poll) } : {}),
  };
  const state: MessageState = {
    message,
    allowedMentions,
    ephemeral: params.ephemeral,
    edits: 0,
    deleted: false,
    interactionId: params.interaction?.id ?? null,
  };
  world.messages.set(id, state);
  if (!params.ephemeral) {
    channel.messageIds.push(id);
    channel.lastMessageId = id;
  }
  return state;
}

/**
 * Applies a PATCH to a stored message. Throws (and changes nothing) if the result would be empty.
 * Editing a deferred placeholder turns it into the real reply (no "edited" mark, loading flag cleared).
 */
export function editMessage(
  world: World,
  state: MessageState,
  input: MessageInput,
  files: readonly UploadedFile[],
  origin: string,
): void {
  const current = state.message;
  const channel = world.requireChannel(current.channel_id);
  const next: APIMessage = { ...current };
  const wasLoading = ((current.flags ?? 0) & MessageFlag.Loading) !== 0;
  if (input.content !== undefined) next.content = input.content ?? '';
  if (input.embeds !== undefined) next.embeds = clone(input.embeds ?? []);
  if (input.components !== undefined) next.components = numberComponents(input.components ?? []);
  if (input.attachments !== undefined || files.length > 0) {
    next.attachments = buildAttachments(world, channel, current.attachments, input, files, origin);
  }
  if (input.flags !== undefined) {
    // Only SUPPRESS_EMBEDS can be toggled on an existing message; ephemeral/loading/v2 are kept.
    const keep = (current.flags ?? 0) & ~MessageFlag.SuppressEmbeds;
    next.flags = keep | (input.flags & MessageFlag.SuppressEmbeds);
  }
  if (wasLoading) {
    next.flags = (next.flags ?? 0) & ~MessageFlag.Loading;
    if (input.flags !== undefined) next.flags |= input.flags & MessageFlag.IsComponentsV2;
  }
  const allowedMentions =
    input.allowed_mentions === undefined ? state.allowedMentions : input.allowed_mentions;
  const probe: MessageInput = {
    content: next.content,
    embeds: next.embeds,
    components: next.components ?? [],
    attachments: next.attachments.map((a) => ({ id: a.id })),
    ...(next.poll ? { poll: { question: '', answers: [], duration: 1, allow_multiselect: false } } : {}),
  };
  if (isEmpty(probe, 0)) throw Errors.emptyMessage();
  const referenced = next.referenced_message ?? null;
  Object.assign(next, mentions(world, channel, next.content, allowedMentions, referenced));
  if (!wasLoading) next.edited_timestamp = new Date().toISOString();
  state.message = next;
  state.allowedMentions = allowedMentions;
  state.edits++;
}

function resolveReference(world: World, channel: ChannelState, input: MessageInput): APIMessage | null {
  const ref = input.message_reference;
  if (!ref) return null;
  const target = world.messages.get(ref.message_id);
  const usable = target && !target.deleted && target.message.channel_id === (ref.channel_id ?? channel.id);
  if (usable) return target.message;
  if (ref.fail_if_not_exists) {
    const errors = new FormErrors();
    errors.add(['message_reference'], 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', 'Unknown message');
    errors.throwIfAny();
  }
  return null;
}

const USER_MENTION = /<@!?(\d{17,20})>/g;
const ROLE_MENTION = /<@&(\d{17,20})>/g;
const EVERYONE_MENTION = /@(everyone|here)\b/;

/**
 * Who a message actually pings, honouring allowed_mentions (omitted = parse everything) and
 * replied_user (defaults to true only when allowed_mentions is omitted).
 */
export function mentions(
  world: World,
  channel: ChannelState,
  content: string,
  allowed: APIAllowedMentions | null,
  referenced: APIMessage | null,
): Pick<APIMessage, 'mentions' | 'mention_roles' | 'mention_everyone'> {
  const parse = new Set((allowed?.parse ?? ['users', 'roles', 'everyone']).map(String));
  const users = new Set(allowed?.users ?? []);
  const roles = new Set(allowed?.roles ?? []);
  const pinged = new Map<string, APIUser>();
  for (const match of content.matchAll(USER_MENTION)) {
    const id = match[1];
    if (id === undefined) continue;
    const user = world.users.get(id);
    if (user && (parse.has('users') || users.has(id))) pinged.set(id, clone(user));
  }
  const repliedUser = allowed === null ? true : allowed.replied_user === true;
  if (referenced && repliedUser) pinged.set(referenced.author.id, clone(referenced.author));
  const guild = channel.guildId === null ? undefined : world.guilds.get(channel.guildId);
  const mentionRoles: string[] = [];
  for (const match of content.matchAll(ROLE_MENTION)) {
    const id = match[1];
    if (id === undefined || mentionRoles.includes(id)) continue;
    if (guild?.roles.some((r) => r.id === id) && (parse.has('roles') || roles.has(id))) mentionRoles.push(id);
  }
  return {
    mentions: [...pinged.values()],
    mention_roles: mentionRoles,
    mention_everyone: parse.has('everyone') && EVERYONE_MENTION.test(content),
  };
}

function buildAttachments(
  world: World,
  channel: ChannelState,
  existing: readonly APIAttachment[],
  input: MessageInput,
  files: readonly UploadedFile[],
  origin: string,
): APIAttachment[] {
  const refs = input.attachments ?? null;
  const out: APIAttachment[] = [];
  if (refs === null) {
    out.push(...existing);
  } else {
    for (const ref of refs) {
      const kept = existing.find((a) => a.id === ref.id);
      if (kept) out.push(kept);
    }
  }
  for (const file of files) {
    const ref = refs?.find((r) => r.id === String(file.index));
    const id = snowflake();
    const filename = ref?.filename ?? file.name;
    const url = `${origin}/attachments/${channel.id}/${id}/${encodeURIComponent(filename)}`;
    world.attachments.set(id, { filename, contentType: file.contentType, data: file.data });
    out.push({
      id,
      filename,
      size: file.data.length,
      url,
      proxy_url: url,
      content_type: file.contentType,
      ...(ref?.description === undefined ? {} : { description: ref.description }),
    });
  }
  return out;
}

/** Discord gives every component a numeric `id` (unique within the message) when the sender did not. */
export function numberComponents(
  components: readonly APIMessageTopLevelComponent[],
): APIMessageTopLevelComponent[] {
  const copy = clone([...components]);
  const used = new Set<number>();
  const all: Record<string, unknown>[] = [];
  const walk = (node: unknown): void => {
    if (!isRecord(node)) return;
    all.push(node);
    if (isInteger(node.id)) used.add(node.id);
    if (Array.isArray(node.components)) for (const child of node.components) walk(child);
    if (node.accessory !== undefined) walk(node.accessory);
  };
  for (const c of copy) walk(c);
  let next = 1;
  for (const node of all) {
    if (isInteger(node.id)) continue;
    while (used.has(next)) next++;
    node.id = next;
    used.add(next);
  }
  return copy;
}

function buildPoll(input: NonNullable<MessageInput['poll']>): APIPoll {
  return {
    question: { text: input.question },
    answers: input.answers.map((text, i) => ({ answer_id: i + 1, poll_media: { text } })),
    expiry: new Date(Date.now() + input.duration * 3_600_000).toISOString(),
    allow_multiselect: input.allow_multiselect,
    layout_type: 1,
    results: { is_finalized: false, answer_counts: [] },
  };
}
