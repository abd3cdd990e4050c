// The console shows a response's notice and its messages one after the other, so it prints each text
// once: a notice is not repeated in the messages, and messages are not repeated in the notice.
import type { Block, Outgoing, Response } from '../../core/output.ts';

/** Shorter overlaps could be chance ("The", "Correct"). */
const MIN_OVERLAP = 20;

function blockTexts(block: Block): string[] {
  switch (block.kind) {
    case 'title':
    case 'heading':
    case 'text':
    case 'quote':
    case 'code':
    case 'footer':
      return [block.text];
    case 'fields':
      return block.fields.map((field) => field.value);
    case 'list':
      return block.items;
    default:
      return [];
  }
}

/** The notice without a tail the messages show in full (a clipped explanation), trimmed. */
function withoutShownTail(notice: string, shown: readonly string[]): string {
  const text = notice.replace(/…$/, '');
  for (let start = 0; start <= text.length - MIN_OVERLAP; start++) {
    if (start > 0 && !/\s/.test(text[start - 1] ?? '')) continue;
    const tail = text.slice(start);
    if (shown.some((candidate) => candidate.startsWith(tail))) return text.slice(0, start).trimEnd();
  }
  return notice;
}

export function foldNotice(response: Response): Response {
  const notice = response.notice;
  if (!notice) return response;
  let repeated = false;
  // A message that repeats the notice word for word (an error with suggestions) drops that block.
  const messages: Outgoing[] = response.messages.map((out) => {
    const blocks = out.message.blocks.filter((block) => {
      const same = (block.kind === 'text' || block.kind === 'quote') && block.text === notice.text;
      repeated ||= same;
      return !same;
    });
    return blocks.length === out.message.blocks.length
      ? out
      : { ...out, message: { ...out.message, blocks } };
  });
  if (repeated) return { notice, messages };
  const shown = response.messages.flatMap((out) => out.message.blocks.flatMap(blockTexts));
  const text = withoutShownTail(notice.text, shown);
  if (text === '') return { messages };
  return { notice: { ...notice, text }, messages };
}
