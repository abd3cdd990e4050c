import { expect, test } from 'vitest';
import { articleFacts, statesDate, unsupportedClaims } from '../../src/intake/article-facts.ts';

const ARTICLE = [
  'Kestrel Robotics, a start-up based in Lyon, has raised 40 million euros from Alder Capital.',
  'The company employs about 1,200 people and opened its second plant in March 2025.',
  'Its chief executive, Ana Duarte, said the robots would reach twelve hospitals on 3 June 2026.',
].join('\n\n');
const facts = articleFacts(ARTICLE);
const claims = (text: string) => unsupportedClaims(text, facts);

test('names, numbers and dates the article states are supported, however they are written', () => {
  expect(claims('Kestrel Robotics raised €40m from Alder Capital; Duarte expects 12 hospitals.')).toEqual([]);
  // Thousands written with or without a comma, a number in words or digits, a possessive.
  expect(claims('About 1200 people work for Lyon’s Kestrel.')).toEqual([]);
  expect(claims('Robots reach the hospitals on 2026-06-03, after the plant opened in 2025-03.')).toEqual([]);
});

test('a name, number or date the article does not state is named, as written', () => {
  expect(claims('Siemens bought 30 percent of Kestrel in Berlin on 2026-06-04.')).toEqual([
    '2026-06-04',
    '30',
    'Siemens',
    'Berlin',
  ]);
  // A name opening a sentence is still a name when English does not know the word.
  expect(claims('Voltaris competes with it.')).toEqual(['Voltaris']);
});

test('a capitalised English word opening a sentence, a colon or a quote is not taken for a name', () => {
  expect(claims('Hospitals will get robots. Construction: Engineers "Expect delays".')).toEqual([]);
});

test('a date is stated when the article gives that day, or any day of that month', () => {
  expect(statesDate('2026-06-03', facts)).toBe(true);
  expect(statesDate('2026-06', facts)).toBe(true);
  expect(statesDate('2025-03', facts)).toBe(true);
  expect(statesDate('2025-03-01', facts)).toBe(false);
  expect(statesDate('2026-07', facts)).toBe(false);
});
