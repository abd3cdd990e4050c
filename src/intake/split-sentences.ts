// Splits a paragraph into sentences with Intl.Segmenter, joining the breaks it makes after abbreviations.

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
/** Abbreviations after which a full stop does not end a sentence (`Dr. Ruiz`, `Acme Inc. said`). */
const ABBREVIATION =
  /(?:^|\s)(?:Mr|Mrs|Ms|Mx|Dr|Prof|St|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Jr|Sr|No|vs|Inc|Corp|Ltd|Co|Mt|Ft|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|e\.g|i\.e|etc|approx)\.\s*$/;

export function splitSentences(paragraph: string): string[] {
  const sentences: string[] = [];
  let pending = '';
  for (const { segment } of segmenter.segment(paragraph)) {
    pending += segment;
    if (ABBREVIATION.test(pending)) continue;
    const sentence = pending.trim();
    if (sentence) sentences.push(sentence);
    pending = '';
  }
  const rest = pending.trim();
  if (rest) sentences.push(rest);
  return sentences;
}
