// Renders neutral messages as terminal text: wrapped to the width, action buttons as numbered choices.
import type { Block, Button, NeutralMessage, Tone } from '../../core/output.ts';
import { alignTable } from '../shared/align-table.ts';
import { labelColon, labelled } from '../shared/label-colon.ts';
import { wrapPieces, wrapText } from './wrap-text.ts';

export type ActionButton = Extract<Button, { kind: 'action' }>;

export interface TextStyle {
  bold(text: string): string;
  dim(text: string): string;
}

export const plainStyle: TextStyle = { bold: (text) => text, dim: (text) => text };
export const ansiStyle: TextStyle = {
  bold: (text) => `\u001b[1m${text}\u001b[22m`,
  dim: (text) => `\u001b[2m${text}\u001b[22m`,
};

/** Terminal columns when the output is not a terminal (a pipe, a file). */
export const DEFAULT_WIDTH = 80;

function renderBlock(block: Block, style: TextStyle, width: number): string[] {
  const wrap = (text: string, first = '', rest = first) => wrapText(text, width, first, rest);
  switch (block.kind) {
    case 'title':
    case 'heading':
      return wrap(block.text).map(style.bold);
    case 'text':
      return wrap(block.text);
    case 'quote':
      return wrap(block.text, '│ ');
    case 'code':
      return wrap(block.text, '  ');
    case 'fields':
      return block.fields.flatMap((field) =>
        wrap(labelled(field.label, field.value), '', '  ').map((line, index) =>
          index === 0
            ? `${style.bold(labelColon(field.label))}${line.slice(labelColon(field.label).length)}`
            : line,
        ),
      );
    case 'list':
      return block.items.flatMap((item, index) => {
        const marker = block.ordered ? `${(block.start ?? 1) + index}. ` : '• ';
        return wrap(item, marker, ' '.repeat(marker.length));
      });
    case 'table':
      // Aligned columns are never wrapped: a broken row would no longer line up.
      return alignTable(block.columns, block.rows);
    case 'tags':
      return wrapPieces(
        block.tags.map((tag) => `[${tag.type}] ${tag.name}`),
        width,
        '  ',
      );
    case 'link':
      return wrap(labelled(block.label, block.url), '', '  ');
    case 'footer':
      return wrap(block.text).map(style.dim);
  }
}

export function actionButtons(msg: NeutralMessage): ActionButton[] {
  return msg.buttons.flat().filter((button): button is ActionButton => button.kind === 'action');
}

/** The message as lines of at most `width` columns; action buttons show their number. */
export function renderText(
  msg: NeutralMessage,
  numbers: ReadonlyMap<ActionButton, number>,
  style: TextStyle = plainStyle,
  width = DEFAULT_WIDTH,
): string {
  const lines = msg.blocks.flatMap((block) => renderBlock(block, style, width));
  for (const row of msg.buttons) {
    const pieces = row.map((button) =>
      button.kind === 'action'
        ? `[${numbers.get(button) ?? '?'}] ${button.label}`
        : labelled(button.label, button.url),
    );
    lines.push(...wrapPieces(pieces, width));
  }
  return lines.join('\n');
}

/** `!` marks something that went wrong; every other notice (a wrong answer included) gets `»`. */
export function renderNotice(notice: { text: string; tone: Tone }, width = DEFAULT_WIDTH): string {
  const mark = notice.tone === 'error' ? '!' : '»';
  return wrapText(notice.text, width, `${mark} `, '  ').join('\n');
}
