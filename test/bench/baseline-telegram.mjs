// The do-nothing Telegram bot newsquiz is measured against (npm run bench:telegram): the same SDK and
// polling setup, no store, no rules. /quiz posts one question with 4 buttons; a press is answered with a
// toast, then the question is edited with its count. Plain JavaScript, run with `node` and no loader.
// biome-ignore lint/style/noRestrictedImports: the baseline is a telegraf bot, as newsquiz's adapter is.
import { Telegraf } from 'telegraf';

const token = process.env.TELEGRAM_TOKEN ?? '';
const apiRoot = process.env.TELEGRAM_API_ROOT ?? '';
if (token === '' || apiRoot === '') {
  console.error('baseline-telegram: set TELEGRAM_TOKEN and TELEGRAM_API_ROOT');
  process.exit(2);
}

const keyboard = {
  inline_keyboard: ['A', 'B', 'C', 'D'].map((letter) => [
    { text: `Choice ${letter}`, callback_data: letter },
  ]),
};
const question = (count) => `<b>Question 1 of 1</b>\nWhich choice is right?\n\n<i>${count} answered</i>`;
/** Presses per question message. */
const counts = new Map();

const bot = new Telegraf(token, { telegram: { apiRoot, webhookReply: false } });
bot.command('quiz', (ctx) => ctx.reply(question(0), { parse_mode: 'HTML', reply_markup: keyboard }));
const report = (error) =>
  console.error(`baseline-telegram: ${error instanceof Error ? error.message : error}`);
bot.on('callback_query', async (ctx) => {
  await ctx.answerCbQuery('✅ Recorded.');
  const message = ctx.callbackQuery.message;
  if (!message) return;
  const key = `${message.chat.id}:${message.message_id}`;
  const count = (counts.get(key) ?? 0) + 1;
  counts.set(key, count);
  // Not awaited: telegraf fetches the next updates once every handler of a batch has returned, and a
  // reference bot that held the next presses back behind its edits would flatter whatever it is compared with.
  ctx.editMessageText(question(count), { parse_mode: 'HTML', reply_markup: keyboard }).catch(report);
});
bot.catch(report);

const stop = () => bot.stop('SIGTERM');
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
await bot.launch({ allowedUpdates: ['message', 'channel_post', 'callback_query'] });
