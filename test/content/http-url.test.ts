import { validUrl } from '@newsquiz/emulators/discord';
import { checkUrl } from '@newsquiz/emulators/telegram';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadContent } from '../../src/content/load-content.ts';
import { articleMarkdown, lineOf, tempFolder, writeArticle } from './fixtures.ts';

let dir: string;
let remove: () => Promise<void>;
beforeEach(async () => {
  ({ dir, remove } = await tempFolder());
});
afterEach(async () => {
  await remove();
});

async function loadWith(source: { url: string }, image?: string) {
  const text = articleMarkdown({
    frontMatter: { source: { name: 'Example', ...source }, ...(image === undefined ? {} : { image }) },
  });
  await writeArticle(dir, 'a.md', text);
  return { text, ...(await loadContent(dir)) };
}

describe('links in content are checked as Telegram and Discord check them', () => {
  const refused: [string, RegExp][] = [
    ['https://example.org/a story', /^contains a space or a line break; write a space as %20$/],
    ['https://user:secret@example.org/story', /^contains a user name or password before "@"; remove them/],
    ['https://editor@example.org/story', /user name or password/],
    ['ftp://example.org/file', /^expected an http\(s\) URL starting with https:\/\/, such as/],
    ['example.org/story', /^expected an http\(s\) URL starting with https:\/\//],
    ['javascript:alert(1)', /^expected an http\(s\) URL/],
    ['https://localhost:8080/story', /only exists locally/],
    ['https://intranet/story', /expected a public host name with a dot/],
    ['http://127.0.0.1/story', /private address 127\.0\.0\.1/],
    ['http://192.168.1.20/story', /private address/],
    ['https://[::1]/story', /IPv6/],
    ['https://example.org/a\u0007b', /control character/],
    ['https://example.org/<script>', /contains "<".*%3C/],
    [`https://example.org/${'a'.repeat(600)}`, /^must be at most 512 characters$/],
  ];

  test.each(refused)('source.url %s is refused with a located, specific message', async (url, message) => {
    const { text, articles, errors } = await loadWith({ url });

    expect(articles).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ path: 'source.url', line: lineOf(text, 'url:') });
    expect(errors[0]?.message).toMatch(message);
  });

  test('an image link goes through the same check', async () => {
    const { errors } = await loadWith({ url: 'https://example.org/story' }, 'https://a:b@example.org/i.png');

    expect(errors.map((error) => error.path)).toEqual(['image']);
  });

  const accepted = [
    'https://example.org/story',
    'http://example.org',
    'https://news.example.co.uk:8443/a/b?c=d&e=f#top',
    'https://example.org/caf%C3%A9',
    'https://bücher.example/neu',
    'https://8.8.8.8/dns',
  ];

  test.each(accepted)('%s loads, and both platforms would take it', async (url) => {
    const { articles, errors } = await loadWith({ url });

    expect(errors).toEqual([]);
    expect(articles[0]?.article.source.url).toBe(url);
    expect(checkUrl(url).ok).toBe(true);
    expect(validUrl(url, ['http:', 'https:'])).toBe(true);
  });
});
