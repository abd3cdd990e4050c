// Renders neutral messages as terminal text; action buttons become numbered choices.
import type { Block, Button, NeutralMessage, Response } from '../../core/output.ts';
import { alignTable } from '../shared/align-table.ts';

export interface TextStyle {
  bold(text: string): string;
  dim(text: string): string;
}

export const plainStyle: TextStyle = { bold: (text) => text, dim: (text) => text };
export const ansiStyle: TextStyle = {
  bold: (text) => `\u001b[1m${text}\u001b[22m`,
  dim: (text) => `\u001b[2m${text}\u001b[22m`,
};

function renderBlock(block: Block, style: TextStyle): string {
  switch (block.kind) {
    case 'title':
      return style.bold(block.text);
    case 'heading':
      return style.bold(block.text);
    case 'text':
      return block.text;
    case 'quote':
      return `│ ${block.text}`;
    case 'fields':
      return block.fields.map((field) => `${style.bold(`${field.label}:`)} ${field.value}`).join('\n');
    case 'list':
      return block.items
        .map((item, index) => (block.ordered ? `${index + 1}. ${item}` : `• ${item}`))
        .join('\n');
    case 'table':
      return alignTable(block.columns, block.rows).join('\n');
    case 'tags':
      return block.tags.map((tag) => `[${tag.type}] ${tag.name}`).join('  ');
    case 'link':
      return `${block.label}: ${block.url}`;
    case 'footer':
      return style.dim(block.text);
  }
}

/** Numbers action buttons from `first`; link buttons show their URL. */
export function renderText(msg: NeutralMessage, first: number, style: TextStyle = plainStyle): string {
  const lines = msg.blocks.map((block) => renderBlock(block, style));
  let number = first;
  const buttonRows = msg.buttons.map((row) =>
    row
      .map((button: Button) =>
        button.kind === 'action' ? `[${number++}] ${button.label}` : `${button.label}: ${button.url}`,
      )
      .join('   '),
  );
  if (buttonRows.length > 0) lines.push(buttonRows.join('\n'));
  return lines.join('\n');
}

export function actionButtons(msg: NeutralMessage): Extract<Button, { kind: 'action' }>[] {
  return msg.buttons
    .flat()
    .filter((button): button is Extract<Button, { kind: 'action' }> => button.kind === 'action');
}

export function renderNotice(response: Response): string | undefined {
  if (!response.notice) return undefined;
  const mark = response.notice.tone === 'error' ? '!' : '»';
  return `${mark} ${response.notice.text}`;
}
