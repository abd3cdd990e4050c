// Runs a command with raw option values: validates them, turns expected failures into replies.

import { encodeAction } from '../core/action-payload.ts';
import { articleRef } from '../core/article-catalog.ts';
import { clipText } from '../core/clip-text.ts';
import { message, type Response } from '../core/output.ts';
import { isUserError, type UserError } from '../core/user-error.ts';
import { t } from '../i18n/current-locale.ts';
import type { AnyCommand, CommandContext } from './define-command.ts';
import { extraWordsProblem, optionProblem } from './option-problem.ts';

/** A user-facing error as a private reply, with buttons for any suggested articles. */
export function userErrorResponse(ctx: Pick<CommandContext, 'core'>, error: UserError): Response {
  const catalog = ctx.core.catalog();
  const suggestions = error.suggestions
    .map((id) => catalog.byId(id))
    .filter((article) => article !== undefined)
    .slice(0, 3);
  if (suggestions.length === 0) return { notice: { text: error.message, tone: 'error' }, messages: [] };
  return {
    notice: { text: error.message, tone: 'error' },
    messages: [
      {
        target: { to: 'private' },
        message: message(
          [
            { kind: 'text', text: error.message },
            { kind: 'list', items: suggestions.map((article) => `${article.id}: ${article.title}`) },
          ],
          [
            suggestions.map((article) => ({
              kind: 'action' as const,
              label: clipText(article.id, 40),
              payload: encodeAction({ type: 'brief', article: articleRef(article.id) }),
            })),
          ],
        ),
      },
    ],
  };
}

/** Why a reply for one person cannot be given to a chat acting as itself, and what to do. */
export const personalRefusal = (name: string) => t('command-personal-as-chat', { name });

/**
 * A reply meant for one person never goes to a chat acting as itself (it would be posted for all to
 * see): such parts are left out, and the chat hears why.
 */
function keepPersonalPrivate(command: AnyCommand, ctx: CommandContext, response: Response): Response {
  if (!ctx.actor.asChat || !response.messages.some((out) => out.target.to === 'private')) return response;
  return {
    ...response,
    notice: { text: personalRefusal(command.name), tone: 'error' },
    messages: response.messages.filter((out) => out.target.to !== 'private'),
  };
}

export async function runCommand(
  command: AnyCommand,
  ctx: CommandContext,
  raw: Record<string, unknown>,
): Promise<Response> {
  const { _extra, ...values } = raw;
  if (typeof _extra === 'string' && _extra !== '') {
    return { notice: { text: extraWordsProblem(command, _extra), tone: 'error' }, messages: [] };
  }
  const parsed = command.options.safeParse(values);
  if (!parsed.success) {
    return {
      notice: { text: optionProblem(command, values, parsed.error.issues), tone: 'error' },
      messages: [],
    };
  }
  if (command.manageChat && !(await ctx.canManageChat())) {
    return {
      notice: { text: t('command-admins-only', { name: command.name }), tone: 'error' },
      messages: [],
    };
  }
  if (command.personal && ctx.actor.asChat) {
    return { notice: { text: personalRefusal(command.name), tone: 'error' }, messages: [] };
  }
  try {
    return keepPersonalPrivate(command, ctx, await command.run(ctx, parsed.data));
  } catch (error) {
    if (isUserError(error)) return keepPersonalPrivate(command, ctx, userErrorResponse(ctx, error));
    throw error;
  }
}
