// The scripted session in German, Chinese and the pseudo-locale, through every adapter: everything the
// bot says comes from its messages (no English left, nothing outside Fluent), and longer text still
// fits each platform (an over-long message would be refused, and the script would not get through).
import { describe, expect, test } from 'vitest';
import type { Article } from '../../src/content/article-schema.ts';
import { LOCALES } from '../../src/i18n/locales.ts';
import { translate } from '../../src/i18n/translate.ts';
import { readCatalog } from '../i18n/message-catalog.ts';
import { CLOSE, OPEN, PSEUDO_LOCALE, registerPseudoLocale } from '../support/pseudo-locale.ts';
import { shippedArticles } from '../support/test-core.ts';
import { consoleDriver } from './console-driver.ts';
import { discordDriver, discordHttpDriver } from './discord-driver.ts';
import { type DriverFactory, folded, PEOPLE, type ScenarioDriver } from './driver.ts';
import { telegramDriver } from './telegram-driver.ts';
import { playScript, transcriptOf, wordsIn } from './transcript-script.ts';

registerPseudoLocale();

const drivers: DriverFactory[] = [consoleDriver, telegramDriver, discordDriver, discordHttpDriver];
const locales = ['de', 'zh-CN', PSEUDO_LOCALE];

/** Everyone chooses the language; the group's admin sets it for the group too. */
async function speak(d: ScenarioDriver, locale: string): Promise<void> {
  for (const person of PEOPLE) await d.say(person, 'dm', `/language ${locale}`);
  await d.say('alice', 'group', `/language ${locale}`);
}

/** What articles say. */
function contentOf(articles: readonly Article[]): string[] {
  const pieces = articles.flatMap((article) => [
    article.id,
    article.title,
    article.hook,
    article.source.name,
    ...Object.values(article.tldr),
    ...article.audience,
    ...article.takeaways,
    ...article.deepDive,
    ...article.topics,
    ...article.comparison.columns,
    ...article.comparison.rows.flat(),
    ...article.implications.flatMap((entry) => [entry.claim, entry.rationale]),
    ...article.timeline.map((entry) => entry.event),
    ...article.reading.flatMap((sentence) => [sentence.text, ...sentence.entities.map((tag) => tag.name)]),
    ...article.questions.flatMap((question) => [
      question.prompt,
      question.explanation,
      ...question.choices.map((choice) => choice.text),
    ]),
  ]);
  return pieces.map(folded);
}

/** What is left of a transcript once the pseudo-locale's messages are taken out. */
function outsideFluent(text: string): string {
  let rest = text;
  // Innermost messages first: a message may hold another (a heading in a line).
  const message = new RegExp(`${OPEN}[^${OPEN}${CLOSE}]*${CLOSE}`, 'g');
  for (let before = ''; before !== rest; ) {
    before = rest;
    rest = rest.replace(message, ' ');
  }
  return rest
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/^==.*$|^- \(none\)$/gm, ' ') // the transcript's own headings, and presses with no notice
    .replace(/\/[a-z_]+( [[<][^\]>]*[\]>])*/g, ' ') // commands and their usage (names stay English)
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/#[a-z0-9-]+/g, ' ');
}

/** Words that are not the bot's own: what articles say, people's names, time zones. */
const wordsOf = (pieces: readonly string[]) =>
  new Set(pieces.flatMap((piece) => piece.match(/[A-Za-z]{3,}/g) ?? []));

describe.each(drivers.map((factory) => [factory.name, factory] as const))('%s', (_, factory) => {
  test.each(locales)(
    'the session in %s',
    async (locale) => {
      const d = await factory.start();
      try {
        await speak(d, locale);
        // What was shown before the language was chosen (the bot's greeting) is left out.
        const before = new Set((await transcriptOf(d, [])).split('\n'));
        const notices = await playScript(d, wordsIn(locale));
        const transcript = (await transcriptOf(d, notices))
          .split('\n')
          .filter((line) => line.startsWith('==') || !before.has(line))
          .join('\n');
        if (process.env.SHOW_TRANSCRIPT) console.log(transcript);
        expect(transcript).not.toContain(translate(locale, 'failure-apology'));
        if (locale === PSEUDO_LOCALE) {
          const names = PEOPLE.map((person) => d.nameOf(person));
          const known = wordsOf([...contentOf(await shippedArticles()), ...names, 'admin', 'UTC']);
          // A word outside every message that no article or name has was never translated.
          // A clipped title (a button's label) shows the start of a word.
          const isKnown = (word: string) =>
            known.has(word) || [...known].some((other) => other.startsWith(word));
          const untranslated = (outsideFluent(transcript).match(/[A-Za-z]{3,}/g) ?? []).filter(
            (word) => !isKnown(word),
          );
          expect([...new Set(untranslated)]).toEqual([]);
        } else {
          // No sentence of the English messages is left (those that read the same in the language aside).
          const english = readCatalog('en');
          const leftovers = [...english.keys()]
            .filter((id) => english.get(id)?.variables.size === 0)
            .map((id) => ({ id, en: translate('en', id), own: translate(locale, id) }))
            .filter(({ en, own }) => en !== own && en.trim().split(' ').length >= 3)
            .filter(({ en }) => transcript.includes(en));
          expect(leftovers.map(({ id, en }) => `${id}: ${en}`)).toEqual([]);
        }
      } finally {
        await d.close();
      }
    },
    180_000,
  );
});

test('the pseudo-locale is for tests only: users are offered the real languages', () => {
  expect(LOCALES).toEqual(['en', 'de', 'zh-CN']);
});
