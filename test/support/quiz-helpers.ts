// Reads quiz messages the way a user would: the prompt, the buttons, which one is right.
import type { Article } from '../../src/content/article-schema.ts';
import type { Button, NeutralMessage, Response } from '../../src/core/output.ts';

type ActionButton = Extract<Button, { kind: 'action' }>;

export function actionButtonsOf(message: NeutralMessage): ActionButton[] {
  return message.buttons.flat().filter((button): button is ActionButton => button.kind === 'action');
}

export function promptOf(message: NeutralMessage): string {
  const block = message.blocks.find((entry) => entry.kind === 'text');
  return block && block.kind === 'text' ? block.text : '';
}

/** The question of `article` a message asks, and the buttons for its right and wrong answers. */
export function answerButtons(message: NeutralMessage, article: Article) {
  const question = article.questions.find((entry) => entry.prompt === promptOf(message));
  if (!question) throw new Error(`no question of ${article.id} matches "${promptOf(message)}"`);
  const correctText = question.choices.find((choice) => choice.correct)?.text;
  const buttons = actionButtonsOf(message);
  const right = buttons.find((button) => button.label === correctText);
  const wrong = buttons.find((button) => button.label !== correctText);
  if (!right || !wrong) throw new Error('question message lacks its choice buttons');
  return { question, right, wrong, buttons };
}

export function onlyMessage(response: Response): NeutralMessage {
  const first = response.messages[0];
  if (!first) throw new Error(`expected a message, got ${JSON.stringify(response.notice)}`);
  return first.message;
}

export function textOf(message: NeutralMessage): string {
  return JSON.stringify(message.blocks);
}
