// Validates message payloads (create/edit/interaction data) the way Discord does and normalizes them.
import type {
  AllowedMentionsTypes,
  APIAllowedMentions,
  APIEmbed,
  APIEmbedField,
  APIMessageTopLevelComponent,
  EmbedType,
} from 'discord-api-types/v10';
import { type ErrorPath, Errors, FormErrors } from './errors.ts';
import { optionalText, optionalUrl, requiredText } from './field-checks.ts';
import { isInteger, isRecord, isString, textLength } from './json.ts';
import { validateComponents } from './validate-components.ts';

export const MessageFlag = {
  Crossposted: 1 << 0,
  SuppressEmbeds: 1 << 2,
  Ephemeral: 1 << 6,
  Loading: 1 << 7,
  SuppressNotifications: 1 << 12,
  IsVoiceMessage: 1 << 13,
  IsComponentsV2: 1 << 15,
} as const;

/** Which flags a sender may set; everything else is silently dropped, as Discord does. */
const SETTABLE_FLAGS = {
  channel:
    MessageFlag.SuppressEmbeds |
    MessageFlag.SuppressNotifications |
    MessageFlag.IsVoiceMessage |
    MessageFlag.IsComponentsV2,
  interaction:
    MessageFlag.SuppressEmbeds |
    MessageFlag.Ephemeral |
    MessageFlag.SuppressNotifications |
    MessageFlag.IsComponentsV2,
} as const;

export interface MessageReferenceInput {
  message_id: string;
  channel_id?: string;
  guild_id?: string;
  fail_if_not_exists: boolean;
  type: 0 | 1;
}

export interface AttachmentRef {
  /** File index (as a string) for new uploads, or the snowflake of an existing attachment when editing. */
  id: string;
  filename?: string;
  description?: string;
}

/** A validated payload. Absent keys mean "not sent"; `null` means "clear" (edits). */
export interface MessageInput {
  content?: string | null;
  embeds?: APIEmbed[] | null;
  components?: APIMessageTopLevelComponent[] | null;
  allowed_mentions?: APIAllowedMentions | null;
  flags?: number;
  nonce?: string;
  enforce_nonce?: boolean;
  tts?: boolean;
  message_reference?: MessageReferenceInput;
  attachments?: AttachmentRef[] | null;
  sticker_ids?: string[];
  poll?: PollInput;
}

export interface PollInput {
  question: string;
  answers: string[];
  duration: number;
  allow_multiselect: boolean;
}

export interface ValidateMessageContext {
  mode: 'create' | 'edit';
  /** 'interaction' covers interaction callbacks and interaction webhooks (ephemeral allowed). */
  target: 'channel' | 'interaction';
  /** Error path prefix, e.g. ['data'] for interaction callbacks. */
  prefix: ErrorPath;
  /** Indexes of the uploaded `files[n]` parts. */
  fileIndexes: ReadonlySet<number>;
}

export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedTotal: 6000,
  nonce: 25,
} as const;

const SNOWFLAKE = /^\d{17,20}$/;

/** Validates a message payload and returns the normalized input; throws a Discord ApiError when invalid. */
export function validateMessage(body: unknown, ctx: ValidateMessageContext): MessageInput {
  const errors = new FormErrors();
  const p = (...rest: (string | number)[]): ErrorPath => [...ctx.prefix, ...rest];
  if (!isRecord(body)) {
    errors.wrongType(ctx.prefix, 'object');
    errors.throwIfAny();
    return {};
  }
  const out: MessageInput = {};

  if ('flags' in body && body.flags !== null && body.flags !== undefined) {
    if (!isInteger(body.flags)) errors.wrongType(p('flags'), 'integer');
    else out.flags = body.flags & SETTABLE_FLAGS[ctx.target];
  }
  const v2 = ((out.flags ?? 0) & MessageFlag.IsComponentsV2) !== 0;

  if ('content' in body && body.content !== undefined) {
    if (body.content === null) out.content = null;
    else if (!isString(body.content)) errors.wrongType(p('content'), 'string');
    else if (textLength(body.content) > LIMITS.content) errors.maxLength(p('content'), LIMITS.content);
    else out.content = body.content;
  }

  if ('embeds' in body && body.embeds !== undefined) {
    out.embeds = body.embeds === null ? null : validateEmbeds(body.embeds, p('embeds'), errors);
  }

  if ('components' in body && body.components !== undefined) {
    out.components =
      body.components === null ? null : validateComponents(body.components, p('components'), v2, errors);
  }

  if (v2) {
    const legacy =
      "The 'content', 'embeds', 'stickers', and 'poll' fields cannot be used when the IS_COMPONENTS_V2 flag is set";
    for (const key of ['content', 'embeds', 'poll', 'sticker_ids'] as const) {
      const value = body[key];
      const used = isString(value)
        ? value.length > 0
        : Array.isArray(value)
          ? value.length > 0
          : isRecord(value);
      if (used) errors.add(p(key), 'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2', legacy);
    }
  }

  if ('allowed_mentions' in body && body.allowed_mentions !== undefined) {
    out.allowed_mentions =
      body.allowed_mentions === null
        ? null
        : validateAllowedMentions(body.allowed_mentions, p('allowed_mentions'), errors);
  }

  if ('nonce' in body && body.nonce !== undefined && body.nonce !== null) {
    if (isInteger(body.nonce)) out.nonce = String(body.nonce);
    else if (!isString(body.nonce)) errors.wrongType(p('nonce'), 'string');
    else if (body.nonce.length > LIMITS.nonce) errors.maxLength(p('nonce'), LIMITS.nonce);
    else out.nonce = body.nonce;
  }
  if ('enforce_nonce' in body && body.enforce_nonce !== undefined && body.enforce_nonce !== null) {
    if (typeof body.enforce_nonce !== 'boolean') errors.wrongType(p('enforce_nonce'), 'boolean');
    else out.enforce_nonce = body.enforce_nonce;
  }
  if ('tts' in body && body.tts !== undefined && body.tts !== null) {
    if (typeof body.tts !== 'boolean') errors.wrongType(p('tts'), 'boolean');
    else out.tts = body.tts;
  }

  if (
    'message_reference' in body &&
    body.message_reference !== undefined &&
    body.message_reference !== null
  ) {
    const ref = validateReference(body.message_reference, p('message_reference'), errors);
    if (ref) out.message_reference = ref;
  }

  if ('attachments' in body && body.attachments !== undefined) {
    out.attachments =
      body.attachments === null ? null : validateAttachments(body.attachments, p('attachments'), ctx, errors);
  }

  if ('sticker_ids' in body && Array.isArray(body.sticker_ids)) {
    if (body.sticker_ids.length > 3) errors.maxLength(p('sticker_ids'), 3);
    out.sticker_ids = body.sticker_ids.filter(isString);
  }

  if ('poll' in body && body.poll !== undefined && body.poll !== null) {
    const poll = validatePoll(body.poll, p('poll'), errors);
    if (poll) out.poll = poll;
  }

  errors.throwIfAny();

  if (ctx.mode === 'create' && isEmpty(out, ctx.fileIndexes.size)) throw Errors.emptyMessage();
  return out;
}

/** Whether a create payload carries nothing Discord would display. */
export function isEmpty(input: MessageInput, fileCount: number): boolean {
  return (
    (input.content ?? '').trim().length === 0 &&
    (input.embeds ?? []).length === 0 &&
    (input.components ?? []).length === 0 &&
    (input.sticker_ids ?? []).length === 0 &&
    input.poll === undefined &&
    fileCount === 0 &&
    (input.attachments ?? []).length === 0
  );
}

function validateEmbeds(value: unknown, path: ErrorPath, errors: FormErrors): APIEmbed[] {
  if (!Array.isArray(value)) {
    errors.wrongType(path, 'array');
    return [];
  }
  if (value.length > LIMITS.embeds) errors.maxLength(path, LIMITS.embeds);
  let total = 0;
  const embeds: APIEmbed[] = [];
  value.forEach((raw, i) => {
    const result = validateEmbed(raw, [...path, i], errors);
    total += result.size;
    embeds.push(result.embed);
  });
  if (total > LIMITS.embedTotal) {
    errors.add(path, 'MAX_EMBED_SIZE_EXCEEDED', `Embed size exceeds maximum size of ${LIMITS.embedTotal}`);
  }
  return embeds;
}

const MEDIA_SCHEMES = ['http:', 'https:', 'attachment:'] as const;

function validateEmbed(raw: unknown, path: ErrorPath, errors: FormErrors): { embed: APIEmbed; size: number } {
  const embed: APIEmbed = { type: 'rich' as EmbedType };
  if (!isRecord(raw)) {
    errors.wrongType(path, 'object');
    return { embed, size: 0 };
  }
  let size = 0;
  const count = (text: string | undefined): void => {
    if (text !== undefined) size += textLength(text);
  };

  const title = optionalText(raw, 'title', LIMITS.embedTitle, path, errors);
  if (title !== undefined) embed.title = title;
  count(title);
  const description = optionalText(raw, 'description', LIMITS.embedDescription, path, errors);
  if (description !== undefined) embed.description = description;
  count(description);
  const url = optionalUrl(raw, 'url', path, errors);
  if (url !== undefined) embed.url = url;

  if (raw.timestamp !== undefined && raw.timestamp !== null) {
    if (!isString(raw.timestamp) || Number.isNaN(Date.parse(raw.timestamp))) {
      errors.add(
        [...path, 'timestamp'],
        'DATE_TYPE_PARSE',
        `Could not parse ${String(raw.timestamp)}. Should be ISO8601.`,
      );
    } else {
      embed.timestamp = new Date(raw.timestamp).toISOString();
    }
  }

  if (raw.color !== undefined && raw.color !== null) {
    if (!isInteger(raw.color)) errors.wrongType([...path, 'color'], 'integer');
    else if (raw.color > 0xffffff)
      errors.add(
        [...path, 'color'],
        'NUMBER_TYPE_MAX',
        'int value should be less than or equal to 16777215.',
      );
    else if (raw.color < 0)
      errors.add([...path, 'color'], 'NUMBER_TYPE_MIN', 'int value should be greater than or equal to 0.');
    else embed.color = raw.color;
  }

  if (raw.footer !== undefined && raw.footer !== null) {
    const fp = [...path, 'footer'];
    if (!isRecord(raw.footer)) errors.wrongType(fp, 'object');
    else {
      const text = requiredText(raw.footer, 'text', LIMITS.footerText, fp, errors);
      count(text);
      const icon = optionalUrl(raw.footer, 'icon_url', fp, errors, MEDIA_SCHEMES);
      if (text !== undefined) embed.footer = { text, ...(icon === undefined ? {} : { icon_url: icon }) };
    }
  }

  if (raw.author !== undefined && raw.author !== null) {
    const ap = [...path, 'author'];
    if (!isRecord(raw.author)) errors.wrongType(ap, 'object');
    else {
      const name = requiredText(raw.author, 'name', LIMITS.authorName, ap, errors);
      count(name);
      const authorUrl = optionalUrl(raw.author, 'url', ap, errors);
      const icon = optionalUrl(raw.author, 'icon_url', ap, errors, MEDIA_SCHEMES);
      if (name !== undefined) {
        embed.author = {
          name,
          ...(authorUrl === undefined ? {} : { url: authorUrl }),
          ...(icon === undefined ? {} : { icon_url: icon }),
        };
      }
    }
  }

  for (const key of ['image', 'thumbnail'] as const) {
    const media = raw[key];
    if (media === undefined || media === null) continue;
    const mp = [...path, key];
    if (!isRecord(media)) {
      errors.wrongType(mp, 'object');
      continue;
    }
    if (media.url === undefined || media.url === null) errors.required([...mp, 'url']);
    const mediaUrl = optionalUrl(media, 'url', mp, errors, MEDIA_SCHEMES);
    if (mediaUrl !== undefined) embed[key] = { url: mediaUrl };
  }

  if (raw.fields !== undefined && raw.fields !== null) {
    const fp = [...path, 'fields'];
    if (!Array.isArray(raw.fields)) errors.wrongType(fp, 'array');
    else {
      if (raw.fields.length > LIMITS.embedFields) errors.maxLength(fp, LIMITS.embedFields);
      const fields: APIEmbedField[] = [];
      raw.fields.forEach((field: unknown, i) => {
        const ip = [...fp, i];
        if (!isRecord(field)) {
          errors.wrongType(ip, 'object');
          return;
        }
        const name = requiredText(field, 'name', LIMITS.fieldName, ip, errors);
        const value = requiredText(field, 'value', LIMITS.fieldValue, ip, errors);
        count(name);
        count(value);
        if (field.inline !== undefined && field.inline !== null && typeof field.inline !== 'boolean') {
          errors.wrongType([...ip, 'inline'], 'boolean');
        }
        if (name !== undefined && value !== undefined) {
          fields.push({ name, value, ...(field.inline === true ? { inline: true } : { inline: false }) });
        }
      });
      embed.fields = fields;
    }
  }
  return { embed, size };
}

function validateAllowedMentions(
  value: unknown,
  path: ErrorPath,
  errors: FormErrors,
): APIAllowedMentions | null {
  if (!isRecord(value)) {
    errors.wrongType(path, 'object');
    return null;
  }
  const out: APIAllowedMentions = {};
  if (value.parse !== undefined && value.parse !== null) {
    if (!Array.isArray(value.parse)) errors.wrongType([...path, 'parse'], 'array');
    else {
      const parse: AllowedMentionsTypes[] = [];
      value.parse.forEach((entry: unknown, i) => {
        if (entry === 'users' || entry === 'roles' || entry === 'everyone')
          parse.push(entry as AllowedMentionsTypes);
        else
          errors.add(
            [...path, 'parse', i],
            'BASE_TYPE_CHOICES',
            "Value must be one of ('roles', 'users', 'everyone').",
          );
      });
      out.parse = parse;
    }
  }
  for (const key of ['users', 'roles'] as const) {
    const list = value[key];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) {
      errors.wrongType([...path, key], 'array');
      continue;
    }
    if (list.length > 100) errors.maxLength([...path, key], 100);
    const ids: string[] = [];
    list.forEach((id: unknown, i) => {
      if (isString(id) && SNOWFLAKE.test(id)) ids.push(id);
      else errors.wrongType([...path, key, i], 'snowflake');
    });
    out[key] = ids;
    const parseKey = key as string;
    if (ids.length > 0 && out.parse?.some((entry) => String(entry) === parseKey)) {
      errors.add(
        path,
        'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE',
        `parse:["${key}"] and ${key}: [ids...] are mutually exclusive.`,
      );
    }
  }
  if (value.replied_user !== undefined && value.replied_user !== null) {
    if (typeof value.replied_user !== 'boolean') errors.wrongType([...path, 'replied_user'], 'boolean');
    else out.replied_user = value.replied_user;
  }
  return out;
}

function validateReference(
  value: unknown,
  path: ErrorPath,
  errors: FormErrors,
): MessageReferenceInput | undefined {
  if (!isRecord(value)) {
    errors.wrongType(path, 'object');
    return undefined;
  }
  if (!isString(value.message_id) || !SNOWFLAKE.test(value.message_id)) {
    errors.required([...path, 'message_id']);
    return undefined;
  }
  return {
    message_id: value.message_id,
    ...(isString(value.channel_id) ? { channel_id: value.channel_id } : {}),
    ...(isString(value.guild_id) ? { guild_id: value.guild_id } : {}),
    fail_if_not_exists: value.fail_if_not_exists !== false,
    type: value.type === 1 ? 1 : 0,
  };
}

function validateAttachments(
  value: unknown,
  path: ErrorPath,
  ctx: ValidateMessageContext,
  errors: FormErrors,
): AttachmentRef[] {
  if (!Array.isArray(value)) {
    errors.wrongType(path, 'array');
    return [];
  }
  if (value.length > 10) errors.maxLength(path, 10);
  const refs: AttachmentRef[] = [];
  value.forEach((raw: unknown, i) => {
    const ip = [...path, i];
    if (!isRecord(raw)) {
      errors.wrongType(ip, 'object');
      return;
    }
    const id = isInteger(raw.id) ? String(raw.id) : isString(raw.id) ? raw.id : undefined;
    if (id === undefined) {
      errors.required([...ip, 'id']);
      return;
    }
    const isUpload = /^\d{1,2}$/.test(id);
    if (isUpload && !ctx.fileIndexes.has(Number(id))) {
      errors.add([...ip, 'id'], 'ATTACHMENT_NOT_FOUND', `Attachment data not found for id ${id}`);
    }
    const description = optionalText(raw, 'description', 1024, ip, errors);
    const filename = optionalText(raw, 'filename', 1024, ip, errors);
    refs.push({
      id,
      ...(filename === undefined ? {} : { filename }),
      ...(description === undefined ? {} : { description }),
    });
  });
  return refs;
}

function validatePoll(value: unknown, path: ErrorPath, errors: FormErrors): PollInput | undefined {
  if (!isRecord(value)) {
    errors.wrongType(path, 'object');
    return undefined;
  }
  const question = isRecord(value.question)
    ? requiredText(value.question, 'text', 300, [...path, 'question'], errors)
    : undefined;
  if (!isRecord(value.question)) errors.required([...path, 'question']);
  const answers: string[] = [];
  if (!Array.isArray(value.answers) || value.answers.length < 1 || value.answers.length > 10) {
    errors.badLength([...path, 'answers'], 1, 10);
  } else {
    value.answers.forEach((answer: unknown, i) => {
      const media = isRecord(answer) && isRecord(answer.poll_media) ? answer.poll_media : undefined;
      const ap = [...path, 'answers', i, 'poll_media'];
      const text = media ? requiredText(media, 'text', 55, ap, errors) : undefined;
      if (!media) errors.required(ap);
      if (text !== undefined) answers.push(text);
    });
  }
  const duration = isInteger(value.duration) ? value.duration : 24;
  if (duration < 1 || duration > 768)
    errors.add([...path, 'duration'], 'NUMBER_TYPE_MAX', 'int value should be between 1 and 768.');
  if (question === undefined) return undefined;
  return { question, answers, duration, allow_multiselect: value.allow_multiselect === true };
}
