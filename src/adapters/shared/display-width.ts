// How many columns text takes in a terminal or a monospace block: CJK characters take two.

/** Wide (two-column) code points: CJK scripts, their punctuation, fullwidth forms, most emoji. */
const WIDE = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd],
] as const;

export const isWide = (code: number) => WIDE.some(([low, high]) => code >= low && code <= high);
/** Marks that sit on the character before them take no column. */
const isZeroWidth = (char: string) => /\p{M}|\u200d|\ufe0f/u.test(char);

/** Columns a terminal gives the text. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += isZeroWidth(char) ? 0 : isWide(char.codePointAt(0) ?? 0) ? 2 : 1;
  return width;
}
