// The expected failures of quiz rounds, each with its stable code and what to do next.
import { t } from '../../i18n/current-locale.ts';
import { USER_ERRORS, UserError } from '../user-error.ts';

export const roundNotFound = () => new UserError(USER_ERRORS.roundNotFound, t('quiz-error-not-found'));
export const roundEnded = () => new UserError(USER_ERRORS.roundEnded, t('quiz-error-ended'));
export const questionClosed = () => new UserError(USER_ERRORS.questionClosed, t('quiz-error-closed'));
export const alreadyAnswered = () =>
  new UserError(USER_ERRORS.alreadyAnswered, t('quiz-error-already-answered'));
export const notYourRound = () => new UserError(USER_ERRORS.notYourRound, t('quiz-error-not-yours'));
export const wrongChat = () => new UserError(USER_ERRORS.wrongChat, t('quiz-error-wrong-chat'));
export const articleRemoved = () =>
  new UserError(USER_ERRORS.articleRemoved, t('quiz-error-article-removed'));
export const roundRunning = (message = t('quiz-error-group-running')) =>
  new UserError(USER_ERRORS.roundRunning, message);
export const notThisMessage = () => new UserError(USER_ERRORS.staleCopy, t('quiz-error-stale-copy'));
export const nothingToStop = () => new UserError(USER_ERRORS.nothingToStop, t('quiz-error-nothing-to-stop'));
export const movedPast = () => new UserError(USER_ERRORS.movedPast, t('quiz-error-moved-past'));
export const cardNotAnswered = () =>
  new UserError(USER_ERRORS.cardNotAnswered, t('quiz-error-card-not-answered'));
export const nextCardPending = () =>
  new UserError(USER_ERRORS.nextCardPending, t('quiz-error-next-card-pending'));
