// A label and its value on one line: Chinese, Japanese or Korean labels take the full-width colon
// (no space after it, as those scripts write it), others `: `.
import { isWide } from './display-width.ts';

const endsWide = (label: string) => isWide([...label].at(-1)?.codePointAt(0) ?? 0);

/** The label with its colon: `Articles read:`, `已读文章：`. */
export function labelColon(label: string): string {
  return endsWide(label) ? `${label}：` : `${label}:`;
}

/** `Articles read: 1`, `已读文章：1`. */
export function labelled(label: string, value: string): string {
  return endsWide(label) ? `${label}：${value}` : `${label}: ${value}`;
}
