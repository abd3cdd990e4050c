// Expected failures: a stable code and a message that says what happened and what to do.
export const USER_ERRORS = {
  unknownArticle: 'unknown-article',
  noArticles: 'no-articles',
  unknownTopic: 'unknown-topic',
  roundNotFound: 'round-not-found',
  roundEnded: 'round-ended',
  questionClosed: 'question-closed',
  alreadyAnswered: 'already-answered',
  notYourRound: 'not-your-round',
  wrongChat: 'wrong-chat',
  badPayload: 'bad-payload',
  badOption: 'bad-option',
  notAllowed: 'not-allowed',
  roundRunning: 'round-running',
  /** A link code that is wrong, used or expired. */
  badLinkCode: 'bad-link-code',
  /** Too many link codes tried or made: wait. */
  linkLimit: 'link-limit',
  /** These two accounts cannot be linked (same platform, already linked…). */
  linkRefused: 'link-refused',
  notLinked: 'not-linked',
  /** Only someone who answered a question (while its round is kept) may report it. */
  cannotReport: 'cannot-report',
  /** A report's note that is too long. */
  badNote: 'bad-note',
} as const;

export type UserErrorCode = (typeof USER_ERRORS)[keyof typeof USER_ERRORS];

export class UserError extends Error {
  constructor(
    readonly code: UserErrorCode,
    message: string,
    readonly suggestions: string[] = [],
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}
