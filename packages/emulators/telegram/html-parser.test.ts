// Checks the HTML parse_mode parser against TDLib's behaviour: texts, entities and error messages.
import { describe, expect, it } from 'vitest';
import { formatMessageText } from './formatted-text.ts';
import { parseTelegramHtml } from './html-parser.ts';
import { checkUrl } from './url-check.ts';

describe('parseTelegramHtml', () => {
  it.each([
    [
      '<b>bold</b> and <strong>strong</strong>',
      'bold and strong',
      [
        { type: 'bold', offset: 0, length: 4 },
        { type: 'bold', offset: 9, length: 6 },
      ],
    ],
    [
      '<i>a</i><em>b</em><u>c</u><ins>d</ins><s>e</s><strike>f</strike><del>g</del>',
      'abcdefg',
      [
        { type: 'italic', offset: 0, length: 1 },
        { type: 'italic', offset: 1, length: 1 },
        { type: 'underline', offset: 2, length: 1 },
        { type: 'underline', offset: 3, length: 1 },
        { type: 'strikethrough', offset: 4, length: 1 },
        { type: 'strikethrough', offset: 5, length: 1 },
        { type: 'strikethrough', offset: 6, length: 1 },
      ],
    ],
    [
      '<span class="tg-spoiler">x</span><tg-spoiler>y</tg-spoiler>',
      'xy',
      [
        { type: 'spoiler', offset: 0, length: 1 },
        { type: 'spoiler', offset: 1, length: 1 },
      ],
    ],
    [
      '<blockquote>q</blockquote><blockquote expandable>r</blockquote>',
      'qr',
      [
        { type: 'blockquote', offset: 0, length: 1 },
        { type: 'expandable_blockquote', offset: 1, length: 1 },
      ],
    ],
    [
      '<pre><code class="language-ts">let x</code></pre>',
      'let x',
      [{ type: 'pre', offset: 0, length: 5, language: 'ts' }],
    ],
    [
      '<code class="language-ts"><pre>y</pre></code>',
      'y',
      [{ type: 'pre', offset: 0, length: 1, language: 'ts' }],
    ],
    [
      '<pre><code>z</code> </pre>',
      'z ',
      [
        { type: 'pre', offset: 0, length: 2 },
        { type: 'code', offset: 0, length: 1 },
      ],
    ],
    [
      '<a href="https://example.com">link</a>',
      'link',
      [{ type: 'text_link', offset: 0, length: 4, url: 'https://example.com/' }],
    ],
    [
      '<a href=example.com>bare</a>',
      'bare',
      [{ type: 'text_link', offset: 0, length: 4, url: 'http://example.com/' }],
    ],
    ['<a href="javascript:alert(1)">no link</a>', 'no link', []],
    ['<B>Upper</B>', 'Upper', [{ type: 'bold', offset: 0, length: 5 }]],
    ['<i>closed by</>', 'closed by', [{ type: 'italic', offset: 0, length: 9 }]],
    ['<b></b>empty', 'empty', []],
    [
      '<i><b>x</b></i>',
      'x',
      [
        { type: 'bold', offset: 0, length: 1 },
        { type: 'italic', offset: 0, length: 1 },
      ],
    ],
    ['😀<b>é</b>', '😀é', [{ type: 'bold', offset: 2, length: 1 }]],
  ])('parses %j', (html, text, entities) => {
    expect(parseTelegramHtml(html)).toEqual({ text, entities });
  });

  it('decodes only &lt; &gt; &amp; &quot; and numeric references, leaving others literal', () => {
    expect(
      parseTelegramHtml('&lt;&gt;&amp;&quot;&#65;&#x42;&lt &nbsp; &laquo; AT&T &#0; &constructor;').text,
    ).toBe('<>&"AB< &nbsp; &laquo; AT&T &#0; &constructor;');
  });

  it('can reject unrecognised references in strict mode (an emulator-only lint)', () => {
    expect(() => parseTelegramHtml('é &nbsp; x', { strictEntities: true })).toThrow(
      'Unsupported HTML entity "&nbsp;" at byte offset 3 (emulator strict mode)',
    );
    expect(() => parseTelegramHtml('AT&T', { strictEntities: true })).toThrow('"&T"');
    expect(parseTelegramHtml('&lt;&#33;', { strictEntities: true }).text).toBe('<!');
  });

  it.each([
    ['<p>x</p>', 'Unsupported start tag "p" at byte offset 0'],
    ['a < b', 'Unsupported start tag "" at byte offset 2'],
    ['é<b>x</i>', 'Unmatched end tag at byte offset 6, expected "</b>", found "</i>"'],
    ['x</b>', 'Unexpected end tag at byte offset 1'],
    ['<b>x', 'Can\'t find end tag corresponding to start tag "b"'],
    ['<b>x</b', 'Unclosed end tag at byte offset 4'],
    ['<b', 'Unclosed start tag at byte offset 0'],
    ['<a href="x', 'Unclosed start tag at byte offset 0'],
    ['<a href=', 'Unclosed start tag "a" at byte offset 0'],
    ['<a href=x,y>z</a>', 'Unexpected end of name token at byte offset 8'],
    ['<b =x>y</b>', 'Empty attribute name in the tag "b" at byte offset 0'],
    ['<span>x</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'],
    [
      '&#xD800;',
      'Text contains invalid Unicode characters after decoding HTML entities, check for unmatched surrogate code units',
    ],
  ])('rejects %j', (html, message) => {
    expect(() => parseTelegramHtml(html)).toThrow(message);
  });
});

describe('formatMessageText', () => {
  const format = (text: string, parseMode?: string, purpose: 'send' | 'edit' = 'send') =>
    formatMessageText({ text, parseMode, entities: undefined, purpose });

  it('measures the 4096 limit in characters after parsing, and trims whitespace', () => {
    expect(format('😀'.repeat(4096)).text).toHaveLength(8192);
    expect(format(`<b>${'a'.repeat(4096)}</b>`, 'HTML').entities).toHaveLength(1);
    expect(() => format('a'.repeat(4097))).toThrow('Bad Request: message is too long');
    expect(() => format('a'.repeat(4097), undefined, 'edit')).toThrow('Bad Request: MESSAGE_TOO_LONG');
    expect(() => format(' \n <b> </b>', 'HTML')).toThrow('Bad Request: message text is empty');
    expect(format('  <b>hi</b> there \n', 'html')).toEqual({
      text: 'hi there',
      entities: [{ type: 'bold', offset: 0, length: 2 }],
    });
  });

  it('rejects unknown parse modes', () => {
    expect(() => format('x', 'XML')).toThrow('Bad Request: unsupported parse_mode');
  });
});

describe('checkUrl', () => {
  it.each([
    ['https://Example.COM', { ok: true, url: 'https://example.com/' }],
    ['example.com/path?q=1', { ok: true, url: 'http://example.com/path?q=1' }],
    ['tg://resolve?domain=newsquiz', { ok: true, url: 'tg://resolve?domain=newsquiz' }],
    ['ftp://example.com', { ok: false, reason: 'Unsupported URL protocol' }],
    ['https://', { ok: false, reason: 'Wrong HTTP URL' }],
    ['https://exa mple.com', { ok: false, reason: 'Wrong HTTP URL' }],
  ])('%s', (url, expected) => {
    expect(checkUrl(url)).toEqual(expected);
  });
});
