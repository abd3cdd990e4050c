// Parses Telegram's HTML parse_mode into plain text + entities, failing with TDLib's own error texts.
import type { MessageEntity } from './bot-api-types.ts';
import { checkUrl } from './url-check.ts';

/** A malformed-markup error; `message` is TDLib's detail, e.g. `Unsupported start tag "p" at byte offset 0`. */
export class EntityParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EntityParseError';
  }
}

export interface ParsedText {
  text: string;
  entities: MessageEntity[];
}

export interface HtmlParseOptions {
  /**
   * Emulator-only lint: reject an `&` that starts no recognised character reference (`&nbsp;`, `AT&T`).
   * Telegram itself keeps such text literally, so this is off by default.
   */
  strictEntities?: boolean;
}

const SUPPORTED_TAGS = new Set([
  'a',
  'b',
  'strong',
  'i',
  'em',
  'u',
  'ins',
  's',
  'strike',
  'del',
  'code',
  'pre',
  'span',
  'tg-spoiler',
  'tg-emoji',
  'blockquote',
]);

const SIMPLE_ENTITY_TYPES: Readonly<Record<string, string>> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  span: 'spoiler',
  'tg-spoiler': 'spoiler',
};

/** TDLib's ordering of entities that share a range (lower first). */
const TYPE_PRIORITY: Readonly<Record<string, number>> = {
  blockquote: 0,
  expandable_blockquote: 0,
  pre: 11,
  code: 20,
  text_link: 49,
  text_mention: 49,
  bold: 90,
  italic: 91,
  underline: 92,
  strikethrough: 93,
  spoiler: 94,
  custom_emoji: 99,
};

const NAMED_ENTITIES: ReadonlyMap<string, string> = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['quot', '"'],
]);
const SURROGATE_ERROR =
  'Text contains invalid Unicode characters after decoding HTML entities, check for unmatched surrogate code units';

interface OpenTag {
  name: string;
  argument: string;
  /** Start of the tag's content in the output, in UTF-16 code units. */
  start: number;
}

const isSpace = (ch: string | undefined): boolean =>
  ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\v' || ch === '\f';
const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9';
const isHexDigit = (ch: string | undefined): boolean => ch !== undefined && /^[0-9a-fA-F]$/.test(ch);
const isAlpha = (ch: string | undefined): boolean => ch !== undefined && /^[a-zA-Z]$/.test(ch);
const isNameTokenChar = (ch: string | undefined): boolean => ch !== undefined && /^[a-zA-Z0-9.-]$/.test(ch);

/**
 * Decodes the character reference at `pos` (which holds `&`). Only &lt; &gt; &amp; &quot; and numeric
 * references are recognised (the `;` is optional); anything else stays literal text, as in TDLib.
 */
function decodeEntity(html: string, pos: number): { value: string; end: number } | undefined {
  let end = pos + 1;
  let value: string;
  if (html[end] === '#') {
    end += 1;
    let code = 0;
    if (html[end] === 'x') {
      end += 1;
      while (isHexDigit(html[end])) code = code * 16 + Number.parseInt(html.charAt(end++), 16);
    } else {
      while (isDigit(html[end])) code = code * 10 + Number(html.charAt(end++));
    }
    if (code === 0 || code >= 0x10ffff || end - pos >= 10) return undefined;
    if (code >= 0xd800 && code <= 0xdfff) throw new EntityParseError(SURROGATE_ERROR);
    value = String.fromCodePoint(code);
  } else {
    while (isAlpha(html[end])) end += 1;
    const named = NAMED_ENTITIES.get(html.slice(pos + 1, end));
    if (named === undefined) return undefined;
    value = named;
  }
  if (html[end] === ';') end += 1;
  return { value, end };
}

function fail(message: string): never {
  throw new EntityParseError(message);
}

function compareEntities(a: MessageEntity, b: MessageEntity): number {
  if (a.offset !== b.offset) return a.offset - b.offset;
  if (a.length !== b.length) return b.length - a.length;
  return (TYPE_PRIORITY[a.type] ?? 50) - (TYPE_PRIORITY[b.type] ?? 50);
}

/** Parses `html` the way the Bot API does for `parse_mode: 'HTML'`; throws {@link EntityParseError}. */
export function parseTelegramHtml(html: string, options: HtmlParseOptions = {}): ParsedText {
  const byteOffset = (index: number): number => Buffer.byteLength(html.slice(0, index));
  const special = /[<&]/g;

  const n = html.length;
  const stack: OpenTag[] = [];
  const entities: MessageEntity[] = [];
  /** Language of the most recent `code` entity, so an enclosing same-range `pre` can adopt it. */
  let lastCode: { entity: MessageEntity; language: string } | undefined;
  let out = '';
  let i = 0;

  while (i < n) {
    const ch = html[i];
    if (ch === '&') {
      const decoded = decodeEntity(html, i);
      if (decoded !== undefined) {
        out += decoded.value;
        i = decoded.end;
        continue;
      }
      if (options.strictEntities === true) {
        const reference = /^&#?[a-zA-Z0-9]*;?/.exec(html.slice(i, i + 12))?.[0] ?? '&';
        fail(`Unsupported HTML entity "${reference}" at byte offset ${byteOffset(i)} (emulator strict mode)`);
      }
    }
    if (ch !== '<') {
      special.lastIndex = i + 1;
      const end = special.exec(html)?.index ?? n;
      out += html.slice(i, end);
      i = end;
      continue;
    }

    const begin = i;
    i += 1;
    if (html[i] === '/') {
      if (stack.length === 0) fail(`Unexpected end tag at byte offset ${byteOffset(begin)}`);
      i += 1;
      const nameStart = i;
      while (i < n && !isSpace(html[i]) && html[i] !== '>') i += 1;
      const endName = html.slice(nameStart, i).toLowerCase();
      while (i < n && isSpace(html[i])) i += 1;
      if (html[i] !== '>') fail(`Unclosed end tag at byte offset ${byteOffset(begin)}`);
      i += 1;
      const open = stack.pop();
      if (open === undefined) continue;
      if (endName !== '' && endName !== open.name) {
        fail(
          `Unmatched end tag at byte offset ${byteOffset(begin)}, expected "</${open.name}>", found "</${endName}>"`,
        );
      }
      const length = out.length - open.start;
      if (length > 0) {
        const created = closeEntity(open, length, out, entities, lastCode);
        if (created?.type === 'code') lastCode = { entity: created, language: open.argument };
      }
      continue;
    }

    const nameStart = i;
    while (i < n && !isSpace(html[i]) && html[i] !== '>') i += 1;
    if (i >= n) fail(`Unclosed start tag at byte offset ${byteOffset(begin)}`);
    const name = html.slice(nameStart, i).toLowerCase();
    if (!SUPPORTED_TAGS.has(name))
      fail(`Unsupported start tag "${name}" at byte offset ${byteOffset(begin)}`);

    let argument = '';
    while (html[i] !== '>') {
      while (i < n && isSpace(html[i])) i += 1;
      if (i >= n) fail(`Unclosed start tag at byte offset ${byteOffset(begin)}`);
      if (html[i] === '>') break;
      const attributeStart = i;
      while (i < n && !isSpace(html[i]) && html[i] !== '=' && html[i] !== '>') i += 1;
      const attribute = html.slice(attributeStart, i).toLowerCase();
      if (attribute === '') {
        fail(`Empty attribute name in the tag "${name}" at byte offset ${byteOffset(begin)}`);
      }
      while (i < n && isSpace(html[i])) i += 1;
      if (i >= n) fail(`Unclosed start tag at byte offset ${byteOffset(begin)}`);
      if (html[i] !== '=') {
        if (name === 'blockquote' && attribute === 'expandable') argument = 'expandable';
        continue;
      }
      i += 1;
      while (i < n && isSpace(html[i])) i += 1;
      if (i >= n) fail(`Unclosed start tag "${name}" at byte offset ${byteOffset(begin)}`);

      let value = '';
      const quote = html[i];
      if (quote !== '"' && quote !== "'") {
        const tokenStart = i;
        while (isNameTokenChar(html[i])) i += 1;
        value = html.slice(tokenStart, i).toLowerCase();
        if (!isSpace(html[i]) && html[i] !== '>') {
          fail(`Unexpected end of name token at byte offset ${byteOffset(tokenStart)}`);
        }
      } else {
        i += 1;
        while (i < n && html[i] !== quote) {
          const decoded = html[i] === '&' ? decodeEntity(html, i) : undefined;
          if (decoded !== undefined) {
            value += decoded.value;
            i = decoded.end;
          } else {
            value += html[i];
            i += 1;
          }
        }
        if (i < n) i += 1;
      }
      if (i >= n) fail(`Unclosed start tag at byte offset ${byteOffset(begin)}`);

      if (name === 'a' && attribute === 'href') argument = value;
      else if (name === 'code' && attribute === 'class' && value.startsWith('language-'))
        argument = value.slice(9);
      else if (name === 'span' && attribute === 'class' && value.startsWith('tg-')) argument = value.slice(3);
      else if (name === 'tg-emoji' && attribute === 'emoji-id') argument = value;
      else if (name === 'blockquote' && attribute === 'expandable') argument = 'expandable';
    }
    i += 1;
    if (name === 'span' && argument !== 'spoiler') {
      fail(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(begin)}`);
    }
    stack.push({ name, argument, start: out.length });
  }

  const unclosed = stack.at(-1);
  if (unclosed !== undefined) fail(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
  return { text: out, entities: entities.sort(compareEntities) };
}

/** Appends (or merges) the entity for a closed tag; returns the entity it created, if any. */
function closeEntity(
  open: OpenTag,
  length: number,
  out: string,
  entities: MessageEntity[],
  lastCode: { entity: MessageEntity; language: string } | undefined,
): MessageEntity | undefined {
  const offset = open.start;
  const simple = SIMPLE_ENTITY_TYPES[open.name];
  const previous = entities.at(-1);
  const sameRange = previous !== undefined && previous.offset === offset && previous.length === length;
  let entity: MessageEntity | undefined;

  if (simple !== undefined) {
    entity = { type: simple, offset, length };
  } else if (open.name === 'blockquote') {
    entity = {
      type: open.argument === 'expandable' ? 'expandable_blockquote' : 'blockquote',
      offset,
      length,
    };
  } else if (open.name === 'code') {
    if (sameRange && previous.type === 'pre' && open.argument !== '') {
      previous.language = open.argument;
      return undefined;
    }
    entity = { type: 'code', offset, length };
  } else if (open.name === 'pre') {
    if (sameRange && previous.type === 'code' && lastCode?.entity === previous && lastCode.language !== '') {
      entities.pop();
      entity = { type: 'pre', offset, length, language: lastCode.language };
    } else {
      entity = { type: 'pre', offset, length };
    }
  } else if (open.name === 'a') {
    const checked = checkUrl(open.argument === '' ? out.slice(offset) : open.argument);
    if (checked.ok) entity = { type: 'text_link', offset, length, url: checked.url };
  } else if (open.name === 'tg-emoji' && open.argument !== '') {
    entity = { type: 'custom_emoji', offset, length, custom_emoji_id: open.argument };
  }
  if (entity !== undefined) entities.push(entity);
  return entity;
}
