// The pseudo-locale of the tests: English with every letter accented, each piece of text about 30%
// longer, and every message in ⟦ ⟧, so text that bypasses Fluent, and layouts that cannot take longer
// text, show at once.
import { registerDerivedLocale } from '../../src/i18n/translate.ts';

export const PSEUDO_LOCALE = 'en-XA';

const PLAIN = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ACCENTED = 'áƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÁßÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ';
const ACCENT = new Map([...PLAIN].map((letter, index) => [letter, [...ACCENTED][index] ?? letter]));

export const OPEN = '⟦';
export const CLOSE = '⟧';

export function pseudoText(text: string): string {
  const accented = [...text].map((char) => ACCENT.get(char) ?? char).join('');
  const letters = [...text].filter((char) => ACCENT.has(char)).length;
  return letters === 0 ? accented : `${accented}${'·'.repeat(Math.ceil(letters * 0.3))}`;
}

export function registerPseudoLocale(): void {
  registerDerivedLocale(PSEUDO_LOCALE, {
    from: 'en',
    transform: pseudoText,
    wrap: (text) => `${OPEN}${text}${CLOSE}`,
  });
}
