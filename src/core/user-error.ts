// Expected failures: a stable code and a message that says what happened and what to do. Each condition
// has its own code, kept once given (a log or a client may key on it); test/core/user-error.test.ts holds them
// distinct.
export const USER_ERRORS = {
  unknownArticle: 'unknown-article',
  noArticles: 'no-articles',
  unknownTopic: 'unknown-topic',
  roundNotFound: 'round-not-found',
  /** The article a round asks about is gone from the library. */
  articleRemoved: 'article-removed',
  /** /stop where the actor has no running quiz. */
  nothingToStop: 'nothing-to-stop',
  roundEnded: 'round-ended',
  questionClosed: 'question-closed',
  /** "Next" on a solo question that is not the current one, or not answered yet. */
  movedPast: 'moved-past',
  /** "Next review" before the card is answered. */
  cardNotAnswered: 'card-not-answered',
  /** "Next review" while the next card's round is still being written (another press or instance). */
  nextCardPending: 'next-card-pending',
  alreadyAnswered: 'already-answered',
  notYourRound: 'not-your-round',
  wrongChat: 'wrong-chat',
  /** A button whose payload does not fit the round it names. */
  badPayload: 'bad-payload',
  /** A button of an older copy of a quiz message that was sent again. */
  staleCopy: 'stale-copy',
  badOption: 'bad-option',
  notAllowed: 'not-allowed',
  /** Something that goes to a person's private chat, for an account that has none. */
  noPrivateChat: 'no-private-chat',
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
