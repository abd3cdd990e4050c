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
