// Validates reply_markup like the Bot API and normalises inline keyboards into the shape stored on messages.
import { badRequest } from './api-error.ts';
import type { InlineKeyboardButton, InlineKeyboardMarkup } from './bot-api-types.ts';
import { isRecord } from './params.ts';
import { checkUrl } from './url-check.ts';

export const MAX_CALLBACK_DATA_BYTES = 64;
const MAX_BUTTONS = 100;

const buttonError = (detail: string) => badRequest(`can't parse inline keyboard button: ${detail}`);

function stringField(button: Record<string, unknown>, name: string): string | undefined {
  const value = button[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw buttonError(`Field "${name}" must be of type String`);
  return value;
}

function urlObjectField(button: Record<string, unknown>, name: string): { url: string } | undefined {
  const value = button[name];
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value) || typeof value.url !== 'string')
    throw buttonError(`Field "${name}" must be of type Object`);
  return { url: value.url };
}

function objectField(button: Record<string, unknown>, name: string): Record<string, unknown> | undefined {
  const value = button[name];
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) throw buttonError(`Field "${name}" must be of type Object`);
  return { ...value };
}

function readButton(raw: unknown): InlineKeyboardButton {
  if (!isRecord(raw)) throw buttonError('InlineKeyboardButton must be an Object');
  if (raw.text === undefined || raw.text === null) throw buttonError(`Can't find field "text"`);
  const text = stringField(raw, 'text') ?? '';
  const button: InlineKeyboardButton = { text };

  const url = stringField(raw, 'url');
  if (url !== undefined) {
    const checked = checkUrl(url);
    if (!checked.ok) throw badRequest(`inline keyboard button URL '${url}' is invalid: ${checked.reason}`);
    button.url = checked.url;
  }
  const callbackData = stringField(raw, 'callback_data');
  if (callbackData !== undefined) {
    const bytes = Buffer.byteLength(callbackData, 'utf8');
    if (bytes < 1 || bytes > MAX_CALLBACK_DATA_BYTES) throw badRequest('BUTTON_DATA_INVALID');
    button.callback_data = callbackData;
  }
  const webApp = urlObjectField(raw, 'web_app');
  if (webApp !== undefined) button.web_app = webApp;
  const loginUrl = urlObjectField(raw, 'login_url');
  if (loginUrl !== undefined) button.login_url = loginUrl;
  const switchInline = stringField(raw, 'switch_inline_query');
  if (switchInline !== undefined) button.switch_inline_query = switchInline;
  const switchCurrent = stringField(raw, 'switch_inline_query_current_chat');
  if (switchCurrent !== undefined) button.switch_inline_query_current_chat = switchCurrent;
  const switchChosen = objectField(raw, 'switch_inline_query_chosen_chat');
  if (switchChosen !== undefined) button.switch_inline_query_chosen_chat = switchChosen;
  const copyText = objectField(raw, 'copy_text');
  if (copyText !== undefined) button.copy_text = { text: String(copyText.text ?? '') };
  const callbackGame = objectField(raw, 'callback_game');
  if (callbackGame !== undefined) button.callback_game = callbackGame;
  if (raw.pay === true) button.pay = true;

  if (Object.keys(button).length === 1)
    throw buttonError('Text buttons are unallowed in the inline keyboard');
  return button;
}

function readInlineKeyboard(rows: unknown): InlineKeyboardMarkup | undefined {
  if (!Array.isArray(rows) || !rows.every((row) => Array.isArray(row))) {
    throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays');
  }
  const keyboard: InlineKeyboardButton[][] = [];
  let count = 0;
  for (const row of rows as unknown[][]) {
    const buttons = row.map(readButton);
    count += buttons.length;
    if (buttons.length > 0) keyboard.push(buttons);
  }
  if (count > MAX_BUTTONS) throw badRequest('reply markup is too long');
  return keyboard.length === 0 ? undefined : { inline_keyboard: keyboard };
}

/**
 * Validates `reply_markup`. Returns the inline keyboard to store on the message, or undefined when there is
 * none (reply keyboards, keyboard removal and force_reply are validated loosely and never stored).
 * `inlineOnly` is for the edit methods, which accept inline keyboards only.
 */
export function readReplyMarkup(value: unknown, inlineOnly: boolean): InlineKeyboardMarkup | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (!isRecord(value)) throw badRequest("can't parse reply keyboard markup JSON object");
  if ('inline_keyboard' in value) return readInlineKeyboard(value.inline_keyboard);
  if (inlineOnly) throw badRequest('inline keyboard expected');
  if ('keyboard' in value) {
    if (!Array.isArray(value.keyboard)) {
      throw badRequest('field "keyboard" of the ReplyKeyboardMarkup should be an Array of Arrays');
    }
    return undefined;
  }
  if ('remove_keyboard' in value || 'force_reply' in value) return undefined;
  throw badRequest("can't parse reply keyboard markup JSON object");
}

/** Both markups normalised by {@link readReplyMarkup}; undefined means "no keyboard". */
export function sameMarkup(
  a: InlineKeyboardMarkup | undefined,
  b: InlineKeyboardMarkup | undefined,
): boolean {
  if (a === undefined || b === undefined) return a === b;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Every callback_data on a keyboard, row by row. */
export function callbackDataOf(markup: InlineKeyboardMarkup | undefined): string[] {
  if (markup === undefined) return [];
  return markup.inline_keyboard.flat().flatMap((button) => button.callback_data ?? []);
}
