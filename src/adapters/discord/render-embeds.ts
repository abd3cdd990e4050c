// Neutral messages → Discord embeds and button rows, split across embeds and messages to fit the limits.
import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import { isHttpUrl } from '../../content/http-url.ts';
import { clipText } from '../../core/clip-text.ts';
import type { Block, Button, ButtonStyle as NeutralButtonStyle, NeutralMessage } from '../../core/output.ts';
import { alignTable, chunkTable } from '../shared/align-table.ts';
import { groupLines, splitText } from '../shared/split-text.ts';
import { escapeCodeBlock, escapeMarkdown, escapeWithin, neutraliseMentions } from './escape-markdown.ts';

/** Discord's embed limits (characters, counted on the text as sent). */
export const EMBED_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  /** Embeds per message. */
  perMessage: 10,
  /** Title, description, field names and values, footer and author of all embeds of one message. */
  total: 6000,
} as const;

/** Discord's classic component limits. */
export const COMPONENT_LIMITS = { buttonsPerRow: 5, rows: 5, label: 80 } as const;

/** Message `content` (notices) is at most 2,000 characters. */
export const CONTENT_LIMIT = 2000;

/** Raw text is cut into pieces of this size; escaping at most doubles it, still under a description. */
const PIECE = 1800;
/** Raw field values are cut to this size, so the escaped value stays under 1,024. */
const FIELD_PIECE = 500;
/** A table's code block (fences included) stays under this many characters. */
const TABLE_PIECE = 3900;
const EMBED_COLOR = 0x3b82f6;
const EMPTY_FIELD = '\u200b';

export type ButtonRow = APIActionRowComponent<APIButtonComponent>;

/** One Discord message as the renderer produces it: embeds and button rows (no content). */
export interface DiscordMessage {
  embeds: APIEmbed[];
  components: ButtonRow[];
}

/** A rendered block, before it is packed into embeds. */
type Piece =
  | { kind: 'title'; text: string; url?: string }
  | { kind: 'line'; text: string }
  | { kind: 'field'; name: string; value: string }
  | { kind: 'footer'; text: string };

/** A URL inside `[label](url)`: characters that could end the link early are percent-encoded. */
const linkTarget = (url: string) =>
  url.replace(/[()<>\s]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

function textLines(text: string, prefix = ''): Piece[] {
  return splitText(text, PIECE).map((piece) => ({
    kind: 'line',
    text: escapeMarkdown(piece)
      .split('\n')
      .map((line) => `${prefix}${line}`)
      .join('\n'),
  }));
}

function tablePieces(columns: readonly string[], rows: readonly (readonly string[])[]): Piece[] {
  const lines = alignTable(columns, rows).map(escapeCodeBlock);
  return chunkTable(lines, TABLE_PIECE - 8).map((chunk) => ({
    kind: 'line',
    text: `\`\`\`\n${chunk}\n\`\`\``,
  }));
}

function fieldPieces(label: string, value: string): Piece[] {
  const name = escapeWithin(label, EMBED_LIMITS.fieldName) || EMPTY_FIELD;
  const values = value.trim() === '' ? [EMPTY_FIELD] : splitText(value, FIELD_PIECE).map(escapeMarkdown);
  return values.map((text, index) => ({
    kind: 'field',
    name: index === 0 ? name : EMPTY_FIELD,
    value: text,
  }));
}

function renderBlock(block: Block): Piece[] {
  switch (block.kind) {
    case 'title':
      return [
        {
          kind: 'title',
          text: escapeWithin(block.text, EMBED_LIMITS.title),
          ...(block.url && isHttpUrl(block.url) ? { url: block.url } : {}),
        },
      ];
    case 'heading':
      return [{ kind: 'line', text: `**${escapeWithin(block.text, PIECE)}**` }];
    case 'text':
      return textLines(block.text);
    case 'quote':
      return textLines(block.text, '> ');
    case 'code':
      return [{ kind: 'line', text: `\`${escapeCodeBlock(clipText(block.text, PIECE))}\`` }];
    case 'fields':
      return block.fields.flatMap((field) => fieldPieces(field.label, field.value));
    case 'list': {
      const items = block.items.map(
        (item, index) => `${block.ordered ? `${(block.start ?? 1) + index}.` : '•'} ${escapeMarkdown(item)}`,
      );
      return groupLines(items, PIECE * 2).map((text) => ({ kind: 'line', text }));
    }
    case 'table':
      return tablePieces(block.columns, block.rows);
    case 'tags':
      return [
        {
          kind: 'line',
          text: block.tags
            .map((tag) => `${escapeMarkdown(tag.type)}: ${escapeMarkdown(tag.name)}`)
            .join(' · '),
        },
      ];
    case 'link': {
      const label = escapeWithin(block.label, 200);
      if (!isHttpUrl(block.url)) return [{ kind: 'line', text: `${label}: ${escapeMarkdown(block.url)}` }];
      return [{ kind: 'line', text: `[${label}](${linkTarget(block.url)})` }];
    }
    case 'footer':
      // Footers are plain text on Discord (no markdown, no mentions): escaping would show backslashes.
      return [{ kind: 'footer', text: clipText(neutraliseMentions(block.text), EMBED_LIMITS.footer) }];
  }
}

/** Characters Discord counts towards the 6,000 of a message. */
export function embedSize(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

/** Packs pieces into embeds in order; a new embed starts when a limit would be passed. */
function packEmbeds(pieces: readonly Piece[]): APIEmbed[] {
  const embeds: APIEmbed[] = [];
  let embed: APIEmbed = {};
  let lines: string[] = [];
  let fields: APIEmbedField[] = [];
  const description = () => lines.join('\n\n');
  const current = (): APIEmbed => ({
    ...embed,
    ...(lines.length > 0 ? { description: description() } : {}),
    ...(fields.length > 0 ? { fields } : {}),
  });
  const isEmpty = () =>
    embed.title === undefined && embed.footer === undefined && lines.length === 0 && fields.length === 0;
  const flush = () => {
    if (!isEmpty()) embeds.push({ ...current(), color: EMBED_COLOR });
    embed = {};
    lines = [];
    fields = [];
  };
  const fits = (extra: number) => embedSize(current()) + extra <= EMBED_LIMITS.total;

  for (const piece of pieces) {
    switch (piece.kind) {
      case 'title':
        if (!isEmpty()) flush();
        embed = { title: piece.text, ...(piece.url ? { url: piece.url } : {}) };
        break;
      case 'line':
        // A pathological line (thousands of escapes or quote markers) is cut at line breaks first.
        for (const text of groupLines([piece.text], EMBED_LIMITS.description)) {
          // Fields and the footer show below the description, so text after them goes to the next embed.
          const longer = lines.length === 0 ? text.length : description().length + 2 + text.length;
          const below = fields.length > 0 || embed.footer !== undefined;
          if (below || longer > EMBED_LIMITS.description || !fits(text.length + 2)) flush();
          lines.push(text);
        }
        break;
      case 'field':
        if (
          embed.footer !== undefined ||
          fields.length >= EMBED_LIMITS.fields ||
          !fits(piece.name.length + piece.value.length)
        )
          flush();
        fields.push({ name: piece.name, value: piece.value, inline: false });
        break;
      case 'footer':
        if (embed.footer || !fits(piece.text.length)) flush();
        embed.footer = { text: piece.text };
        break;
    }
  }
  flush();
  return embeds;
}

const STYLES: Record<
  NeutralButtonStyle,
  ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success | ButtonStyle.Danger
> = {
  primary: ButtonStyle.Primary,
  secondary: ButtonStyle.Secondary,
  success: ButtonStyle.Success,
  danger: ButtonStyle.Danger,
};

function renderButton(button: Button): APIButtonComponent {
  const label = clipText(button.label.trim(), COMPONENT_LIMITS.label) || '·';
  if (button.kind === 'link')
    return { type: ComponentType.Button, style: ButtonStyle.Link, label, url: button.url };
  return {
    type: ComponentType.Button,
    style: STYLES[button.style ?? 'secondary'],
    label,
    custom_id: button.payload,
  };
}

/** Rows of at most 5 buttons; longer rows are re-flowed onto the next rows. */
export function renderButtonRows(rows: readonly (readonly Button[])[]): ButtonRow[] {
  return rows.flatMap((row) => {
    const out: ButtonRow[] = [];
    for (let start = 0; start < row.length; start += COMPONENT_LIMITS.buttonsPerRow) {
      out.push({
        type: ComponentType.ActionRow,
        components: row.slice(start, start + COMPONENT_LIMITS.buttonsPerRow).map(renderButton),
      });
    }
    return out;
  });
}

/**
 * Renders a message as one or more Discord messages, each within 10 embeds and 6,000 characters.
 * The buttons go with the last message; more than 5 rows continue in messages of their own.
 */
export function renderMessage(message: NeutralMessage): DiscordMessage[] {
  const embeds = packEmbeds(message.blocks.flatMap(renderBlock));
  const messages: DiscordMessage[] = [];
  let batch: APIEmbed[] = [];
  let size = 0;
  for (const embed of embeds) {
    const next = embedSize(embed);
    if (batch.length > 0 && (batch.length >= EMBED_LIMITS.perMessage || size + next > EMBED_LIMITS.total)) {
      messages.push({ embeds: batch, components: [] });
      batch = [];
      size = 0;
    }
    batch.push(embed);
    size += next;
  }
  if (batch.length > 0) messages.push({ embeds: batch, components: [] });

  const rows = renderButtonRows(message.buttons);
  const groups: ButtonRow[][] = [];
  for (let start = 0; start < rows.length; start += COMPONENT_LIMITS.rows) {
    groups.push(rows.slice(start, start + COMPONENT_LIMITS.rows));
  }
  const [first = [], ...more] = groups;
  const last = messages.at(-1);
  if (last) last.components = first;
  else messages.push({ embeds: [], components: first });
  for (const group of more) messages.push({ embeds: [], components: group });
  if (messages.every((entry) => entry.embeds.length === 0 && entry.components.length === 0)) {
    return [{ embeds: [{ description: EMPTY_FIELD, color: EMBED_COLOR }], components: [] }];
  }
  return messages;
}

/** A notice (an ephemeral line of text) as message content. */
export function renderNotice(text: string): string {
  return escapeWithin(text, CONTENT_LIMIT);
}
