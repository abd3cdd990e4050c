// Bot API methods about the bot itself: getMe and the command menu (set/get/deleteMyCommands).
import { commandListKey, readCommands } from './bot-commands.ts';
import type { MethodHandler } from './method-context.ts';
import type { Params } from './params.ts';

const listKey = (params: Params): string =>
  commandListKey(params.json('scope'), params.optionalString('language_code'));

const getMe: MethodHandler = ({ state }) => ({ ...state.bot });

const setMyCommands: MethodHandler = ({ state, params }) => {
  const commands = readCommands(params.json('commands'));
  state.commands.set(listKey(params), commands);
  return true;
};

const getMyCommands: MethodHandler = ({ state, params }) => state.commands.get(listKey(params));

const deleteMyCommands: MethodHandler = ({ state, params }) => {
  state.commands.delete(listKey(params));
  return true;
};

export const botMethods: Readonly<Record<string, MethodHandler>> = {
  getMe,
  setMyCommands,
  getMyCommands,
  deleteMyCommands,
};
