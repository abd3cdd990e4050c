// Public API of the emulated Telegram Bot API server used by adapter tests and benchmarks.
export type {
  ApiFailure,
  ApiResponse,
  ApiSuccess,
  BotCommand,
  BotUser,
  CallbackQuery,
  Chat,
  ChatMember,
  ChatMemberStatus,
  ChatType,
  InlineKeyboardButton,
  InlineKeyboardMarkup,
  Message,
  MessageEntity,
  Update,
  UpdatePayload,
  UpdateType,
  User,
  WebhookInfo,
} from './bot-api-types.ts';
export type { ApiCall, CallPredicate } from './call-log.ts';
export type { ChatInput, UserInput } from './chat-store.ts';
export {
  type CallbackAnswer,
  type ChatMessageView,
  startTelegramEmulator,
  TelegramEmulator,
  type TelegramEmulatorOptions,
} from './emulator.ts';
export type { InjectedFailure } from './failure-injector.ts';
export {
  EntityParseError,
  type HtmlParseOptions,
  type ParsedText,
  parseTelegramHtml,
} from './html-parser.ts';
export type { RateLimits } from './rate-limiter.ts';
// The checks the emulator applies to what a bot sends, for tests that hold rendered output to them directly.
export { readReplyMarkup } from './reply-markup.ts';
export type { EmulatorStats } from './state.ts';
export { checkUrl, type UrlCheck } from './url-check.ts';
export {
  type AnonymousAdminTextInput,
  type AsChannelTextInput,
  CHANNEL_BOT,
  findBotCommands,
  GROUP_ANONYMOUS_BOT,
  type PressButtonInput,
  type SendTextInput,
  type UserMessageResult,
} from './user-actions.ts';
