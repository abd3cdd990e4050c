// Turns a message's text + parse_mode/entities into the stored text and entities, enforcing Telegram's limits.
import { badRequest } from './api-error.ts';
import type { MessageEntity } from './bot-api-types.ts';
import { EntityParseError, type HtmlParseOptions, parseTelegramHtml } from './html-parser.ts';

export const MAX_MESSAGE_LENGTH = 4096;

export interface FormattedText {
  text: string;
  entities: MessageEntity[];
}

/** Counts Unicode code points; Telegram's 4096 limit is in characters, not UTF-16 units or bytes. */
export function characterCount(text: string): number {
  let surrogatePairs = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) surrogatePairs += 1;
  }
  return text.length - surrogatePairs;
}

export interface MessageTextInput {
  text: string | undefined;
  parseMode: string | undefined;
  /** Explicit entities (used when there is no parse_mode). */
  entities: MessageEntity[] | undefined;
  /** sendMessage says `message is too long`, editMessageText `MESSAGE_TOO_LONG`. */
  purpose: 'send' | 'edit';
  /** See {@link HtmlParseOptions.strictEntities}. */
  strictHtmlEntities?: boolean;
}

function parse(text: string, input: MessageTextInput): FormattedText {
  const { parseMode } = input;
  if (parseMode === undefined || parseMode === '') return { text, entities: input.entities ?? [] };
  const mode = parseMode.toLowerCase();
  if (mode === 'html') {
    try {
      return parseTelegramHtml(text, { strictEntities: input.strictHtmlEntities === true });
    } catch (error) {
      if (error instanceof EntityParseError) throw badRequest(`can't parse entities: ${error.message}`);
      throw error;
    }
  }
  // Markdown flavours are accepted but not parsed: the text is stored as sent.
  if (mode === 'markdown' || mode === 'markdownv2') return { text, entities: [] };
  throw badRequest('unsupported parse_mode');
}

/** Drops leading/trailing whitespace like TDLib's fix_formatted_text, moving and clipping entities along. */
function trim({ text, entities }: FormattedText): FormattedText {
  const lead = text.length - text.trimStart().length;
  const trimmed = text.trim();
  if (lead === 0 && trimmed.length === text.length) return { text, entities };
  const kept: MessageEntity[] = [];
  for (const entity of entities) {
    const start = Math.max(entity.offset - lead, 0);
    const end = Math.min(entity.offset + entity.length - lead, trimmed.length);
    if (end > start) kept.push({ ...entity, offset: start, length: end - start });
  }
  return { text: trimmed, entities: kept };
}

/**
 * Validates and formats the `text` of sendMessage or editMessageText: 400 `message text is empty`,
 * `message is too long` (send) / `MESSAGE_TOO_LONG` (edit), or `can't parse entities: …`.
 */
export function formatMessageText(input: MessageTextInput): FormattedText {
  const { text } = input;
  if (text === undefined || text === '') throw badRequest('message text is empty');
  const formatted = trim(parse(text, input));
  if (formatted.text === '') throw badRequest('message text is empty');
  if (formatted.text.length > MAX_MESSAGE_LENGTH && characterCount(formatted.text) > MAX_MESSAGE_LENGTH) {
    throw badRequest(input.purpose === 'send' ? 'message is too long' : 'MESSAGE_TOO_LONG');
  }
  return formatted;
}
