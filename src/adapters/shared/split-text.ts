// Cuts long text into pieces at paragraph, line, sentence or word boundaries (before any escaping).
import { codePointPrefix, graphemePrefix } from '../../core/clip-text.ts';

export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    // A single grapheme longer than `max` (a pathological combining run) is cut where it must be, but
    // between code points (half an emoji is refused by Telegram and shown broken by Discord).
    const window = graphemePrefix(rest, max) || codePointPrefix(rest, max);
    const cut = Math.max(
      window.lastIndexOf('\n\n'),
      window.lastIndexOf('\n'),
      window.lastIndexOf('. ') + 1,
      window.lastIndexOf(' '),
    );
    const at = cut > max / 2 ? cut : window.length;
    pieces.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest.length > 0 || pieces.length === 0) pieces.push(rest);
  return pieces;
}

/** Groups lines into chunks of at most `max` characters (a longer line is cut on its own). */
export function groupLines(lines: readonly string[], max: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const line of lines.flatMap((entry) => splitText(entry, max))) {
    const joined = current ? `${current}\n${line}` : line;
    if (joined.length <= max) {
      current = joined;
      continue;
    }
    if (current) chunks.push(current);
    current = line;
  }
  if (current) chunks.push(current);
  return chunks;
}
