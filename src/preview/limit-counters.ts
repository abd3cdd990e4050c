// Every platform limit a rendered view can meet, measured on the production renderers' output.
import {
  COMPONENT_LIMITS,
  type DiscordMessage,
  EMBED_LIMITS,
  embedSize,
} from '../adapters/discord/render-embeds.ts';
import { TELEGRAM_MAX_TEXT, type TelegramMessage, visibleLength } from '../adapters/telegram/render-html.ts';
import { SEAL_BYTES } from '../core/action-seal.ts';
import type { NeutralMessage } from '../core/output.ts';

/** Telegram: callback_data is 1–64 bytes. */
const TELEGRAM_CALLBACK_BYTES = 64;
/** Discord: a button's custom_id is at most 100 characters. */
const DISCORD_CUSTOM_ID = 100;

export interface Counter {
  label: string;
  value: number;
  limit: number;
  /** Over the limit: shown red. */
  over: boolean;
  note?: string;
}

const counter = (label: string, value: number, limit: number, note?: string): Counter => ({
  label,
  value,
  limit,
  over: value > limit,
  ...(note === undefined ? {} : { note }),
});

const max = (values: readonly number[]) => values.reduce((a, b) => Math.max(a, b), 0);
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
const parts = (count: number) => (count > 1 ? `sent as ${count} messages` : undefined);

/** Characters of a view in one message: what a split spreads over several messages. */
const joinedLength = (lengths: readonly number[]) =>
  lengths.reduce((sum, length) => sum + length, 0) + Math.max(0, lengths.length - 1) * 2;

function actionPayloads(message: NeutralMessage): string[] {
  return message.buttons.flat().flatMap((button) => (button.kind === 'action' ? [button.payload] : []));
}

/** Labels as the view asks for them, before a renderer shortens one. */
const labels = (message: NeutralMessage) => message.buttons.flat().map((button) => button.label);

export function telegramCounters(message: NeutralMessage, rendered: readonly TelegramMessage[]): Counter[] {
  const lengths = rendered.map((entry) => visibleLength(entry.text));
  return [
    counter('message length', joinedLength(lengths), TELEGRAM_MAX_TEXT, parts(rendered.length)),
    counter('longest part', max(lengths), TELEGRAM_MAX_TEXT),
    counter(
      'button payload bytes',
      max(actionPayloads(message).map((payload) => bytes(payload) + SEAL_BYTES)),
      TELEGRAM_CALLBACK_BYTES,
    ),
  ];
}

export function discordCounters(message: NeutralMessage, rendered: readonly DiscordMessage[]): Counter[] {
  const embeds = rendered.flatMap((entry) => entry.embeds);
  const sizes = rendered.map((entry) => entry.embeds.reduce((sum, embed) => sum + embedSize(embed), 0));
  return [
    counter(
      'embed total',
      embeds.reduce((sum, embed) => sum + embedSize(embed), 0),
      EMBED_LIMITS.total,
      parts(rendered.length),
    ),
    counter('largest message', max(sizes), EMBED_LIMITS.total),
    counter('embeds', max(rendered.map((entry) => entry.embeds.length)), EMBED_LIMITS.perMessage),
    counter('title', max(embeds.map((embed) => embed.title?.length ?? 0)), EMBED_LIMITS.title),
    counter(
      'description',
      max(embeds.map((embed) => embed.description?.length ?? 0)),
      EMBED_LIMITS.description,
    ),
    counter(
      'field value',
      max(embeds.flatMap((embed) => (embed.fields ?? []).map((field) => field.value.length))),
      EMBED_LIMITS.fieldValue,
    ),
    counter('fields', max(embeds.map((embed) => embed.fields?.length ?? 0)), EMBED_LIMITS.fields),
    counter('footer', max(embeds.map((embed) => embed.footer?.text.length ?? 0)), EMBED_LIMITS.footer),
    counter('button label', max(labels(message).map((label) => label.length)), COMPONENT_LIMITS.label),
    counter('button rows', max(rendered.map((entry) => entry.components.length)), COMPONENT_LIMITS.rows),
    counter(
      'button payload bytes',
      max(actionPayloads(message).map((payload) => bytes(payload) + SEAL_BYTES)),
      DISCORD_CUSTOM_ID,
    ),
  ];
}
