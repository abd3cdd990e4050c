// The expected failures of quiz rounds, each with its stable code and what to do next.
import { USER_ERRORS, UserError } from '../user-error.ts';

export const roundNotFound = () =>
  new UserError(USER_ERRORS.roundNotFound, 'This quiz is no longer available. Start a new one with /quiz.');
export const roundEnded = () =>
  new UserError(USER_ERRORS.roundEnded, 'This quiz has ended. Start a new one with /quiz.');
export const questionClosed = () =>
  new UserError(USER_ERRORS.questionClosed, 'Time is up for this question; answers are closed.');
export const alreadyAnswered = () =>
  new UserError(USER_ERRORS.alreadyAnswered, 'You already answered this question; your first answer counts.');
export const notYourRound = () =>
  new UserError(USER_ERRORS.notYourRound, 'This is someone else’s quiz. Start your own with /quiz.');
export const wrongChat = () =>
  new UserError(USER_ERRORS.wrongChat, 'That button belongs to a quiz in another chat.');
export const articleRemoved = () =>
  new UserError(
    USER_ERRORS.articleRemoved,
    'The article behind this quiz was removed. Start a new quiz with /quiz.',
  );
export const roundRunning = (
  message = 'A group quiz is already running in this chat. Answer it, or wait for it to end.',
) => new UserError(USER_ERRORS.roundRunning, message);
export const notThisMessage = () =>
  new UserError(
    USER_ERRORS.staleCopy,
    'That button belongs to another copy of this quiz; use the newest one.',
  );
export const nothingToStop = () =>
  new UserError(USER_ERRORS.nothingToStop, 'No quiz is running here. Start one with /quiz.');
export const movedPast = () =>
  new UserError(USER_ERRORS.movedPast, 'You have already moved past this question.');
export const cardNotAnswered = () =>
  new UserError(USER_ERRORS.cardNotAnswered, 'Answer this card first, then move on.');
export const nextCardPending = () =>
  new UserError(USER_ERRORS.nextCardPending, 'The next card is on its way; press again in a moment.');
