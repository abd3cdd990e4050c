// What a Discord interaction asks of the bot, whether it came over the gateway or over HTTP: a command,
// a press or a modal submitted, turned into the router's call. Both receivers build one of these.

import type { CommandRouter } from '../../command-kit/command-router.ts';
import type { PayloadSeal } from '../../core/action-seal.ts';
import type { Actor } from '../../core/actor.ts';
import type { CoreServices } from '../../core/core-services.ts';
import type { PressedMessage } from '../../core/handle-action.ts';
import type { Response } from '../../core/output.ts';
import { t } from '../../i18n/current-locale.ts';
import { autocompleteChoices } from './autocomplete.ts';
import { cannotPostText } from './discord-actor.ts';
import { refOf } from './discord-messages.ts';

const noChannel = () => t('discord-no-channel');
const badButton = () => t('action-invalid-button');
const badForm = () => t('action-invalid-form');

/** The message a press (or a modal opened from one) came from. */
export interface PressedOn {
  id: string;
  ephemeral: boolean;
}

export type DiscordInput =
  | {
      kind: 'command';
      /** Undefined when the interaction has no channel to answer in. */
      actor: Actor | undefined;
      name: string;
      values: Record<string, unknown>;
      /** Whether the user may configure the chat (Manage Channels, or their own DM). */
      canManage: boolean;
      /** Posting permissions the bot lacks in the channel. */
      missing: readonly string[];
    }
  | { kind: 'press'; actor: Actor | undefined; customId: string; pressed: PressedOn }
  | {
      kind: 'submit';
      actor: Actor | undefined;
      customId: string;
      text: string;
      pressed: PressedOn | undefined;
    };

export interface InputDeps {
  router: CommandRouter;
  seal: PayloadSeal;
}

const refusal = (text: string): Response => ({ notice: { text, tone: 'error' }, messages: [] });

/** The message a press or a modal came from, as the core needs to know it. */
function pressedMessage(actor: Actor, pressed: PressedOn): PressedMessage {
  return { ref: refOf(actor.chatId, pressed.id), shared: actor.chatKind !== 'private' && !pressed.ephemeral };
}

/** Runs what the interaction asks; a custom_id whose seal does not open for the channel is refused. */
export function runInput(deps: InputDeps, input: DiscordInput): Promise<Response> {
  const actor = input.actor;
  if (!actor) return Promise.resolve(refusal(noChannel()));
  if (input.kind === 'command') {
    return deps.router.runOptions(
      actor,
      input.name,
      input.values,
      () => Promise.resolve(input.canManage),
      input.missing.length > 0 ? cannotPostText(input.missing) : undefined,
    );
  }
  const payload = deps.seal.open(input.customId, { platform: 'discord', chatId: actor.chatId });
  if (input.kind === 'press') {
    if (payload === undefined) return Promise.resolve(refusal(badButton()));
    return deps.router.press(actor, payload, pressedMessage(actor, input.pressed));
  }
  if (payload === undefined) return Promise.resolve(refusal(badForm()));
  return deps.router.submit(
    actor,
    payload,
    input.text,
    input.pressed && pressedMessage(actor, input.pressed),
  );
}

/** The choices offered while an option of a command is being typed. */
export function choicesFor(
  router: CommandRouter,
  core: CoreServices,
  command: string,
  option: string,
  typed: string,
) {
  const spec = router.find(command)?.specs.find((entry) => entry.name === option);
  return spec?.autocomplete ? autocompleteChoices(spec.autocomplete, typed, core.catalog()) : [];
}
