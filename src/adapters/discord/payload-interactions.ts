// Discord interactions as their raw JSON, whichever way they came (a signed POST at the Interactions
// Endpoint, or a dispatch over the gateway): checked with zod, run as a command, press or modal, and answered
// through one responder; only how the first response is sent differs (`Respond`).
import { InteractionResponseType, type REST } from 'discord.js';
import type { CommandRouter } from '../../command-kit/command-router.ts';
import type { PayloadSeal } from '../../core/action-seal.ts';
import type { CoreServices } from '../../core/core-services.ts';
import type { Response } from '../../core/output.ts';
import { isStoreUnavailable } from '../../core/ports.ts';
import type { Acknowledged, PlatformAdapter, ResponseOutlet } from '../../delivery/platform-adapter.ts';
import { type Logger, lazyChild } from '../../logger.ts';
import { failureLevel, failureText } from '../shared/failure-text.ts';
import type { DiscordDelivery, InteractionPlace } from './discord-delivery.ts';
import { choicesFor, runInput } from './interaction-input.ts';
import {
  type AutocompletePayload,
  channelOf,
  focusedOption,
  type InteractionPayload,
  interactionPayloadSchema,
  userOf,
} from './interaction-payload.ts';
import { InteractionResponder, type Respond } from './interaction-responder.ts';
import { actorOf, inputOf, placeOfPayload } from './payload-input.ts';

/** An interaction being answered: where it happened, and the responder holding its first response. */
export interface DiscordEvent {
  place: InteractionPlace;
  responder: InteractionResponder;
  log: Logger;
}

/**
 * Answers an interaction with `response` (the adapters' `acknowledge`): the refs of its messages, and the
 * first response while it is still held (it goes out when the handler flushes it).
 */
export async function acknowledgeInteraction(
  delivery: DiscordDelivery,
  event: DiscordEvent,
  response: Response,
): Promise<Acknowledged> {
  const refs = await delivery.respond(event.place, event.responder, response, event.log);
  const reply = event.responder.reply;
  return reply === undefined ? { refs } : { refs, reply };
}

/** JSON that is not an interaction the bot reads (over HTTP, answered 400): the first wrong field and why. */
export class UnreadableInteraction extends Error {
  override name = 'UnreadableInteraction';
}

export interface PayloadInteractionsOptions {
  /** The adapter the responses are delivered for (the outlet calls its `acknowledge`). */
  adapter: PlatformAdapter<DiscordEvent>;
  /** Follow-ups and edits through the interaction's webhook. */
  rest: REST;
  router: CommandRouter;
  core: CoreServices;
  outlet: ResponseOutlet;
  seal: PayloadSeal;
  log: Logger;
  /** Work taking longer than this is answered with a deferral first (Discord allows 3 s). */
  deferAfterMs: number;
}

export class PayloadInteractions {
  constructor(private readonly options: PayloadInteractionsOptions) {}

  /**
   * Answers one interaction; `respond` sends its first response. Throws UnreadableInteraction, before
   * anything is answered, when the JSON is not an interaction the bot reads.
   */
  async handle(raw: unknown, respond: Respond): Promise<void> {
    const parsed = interactionPayloadSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UnreadableInteraction(`${issue?.path.join('.') || 'type'}: ${issue?.message ?? 'invalid'}`);
    }
    const payload = parsed.data;
    if (payload.type === 4) return this.#autocomplete(payload, respond);
    await this.#answer(payload, respond);
  }

  async #autocomplete(payload: AutocompletePayload, respond: Respond): Promise<void> {
    const focused = focusedOption(payload.data.options);
    const { router, core } = this.options;
    const choices = focused
      ? choicesFor(router, core, payload.data.name, focused.name, String(focused.value ?? ''))
      : [];
    await respond(
      { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices } },
      payload,
    );
  }

  /** Runs the work behind an interaction and answers it, in the reader's language; failures are logged and apologised for. */
  #answer(payload: Exclude<InteractionPayload, { type: 4 }>, respond: Respond): Promise<void> {
    return this.options.router.speaking(
      actorOf(payload),
      () => this.#answerIn(payload, respond),
      payload.locale,
    );
  }

  async #answerIn(payload: Exclude<InteractionPayload, { type: 4 }>, respond: Respond): Promise<void> {
    const { core, outlet, adapter } = this.options;
    const log = lazyChild(this.options.log, {
      interactionId: payload.id,
      chatId: channelOf(payload),
      userId: userOf(payload)?.id,
      ...(payload.type === 2 ? { command: payload.data.name } : { customId: payload.data.custom_id }),
    });
    const began = performance.now();
    const isPress = payload.type === 3;
    const responder = new InteractionResponder({
      rest: this.options.rest,
      interactionId: payload.id,
      applicationId: payload.application_id,
      token: payload.token,
      pressedMessageId: payload.type === 2 ? undefined : payload.message?.id,
      isPress,
      respond,
      log,
      onAcknowledged: () => {
        if (isPress) core.metrics.pressAcknowledged('discord', (performance.now() - began) / 1000);
      },
    });
    // Slow work: the first response goes out as a deferral, and the answer follows over REST.
    const slow = setTimeout(() => void responder.flush(), this.options.deferAfterMs);
    slow.unref();
    try {
      const response = await runInput(this.options, inputOf(payload));
      await outlet.respond(adapter, { place: placeOfPayload(payload), responder, log }, response);
      clearTimeout(slow);
      // The first response goes out now, after the deliverer stored what its buttons refer to.
      await responder.flush();
      log.debug('interaction handled');
    } catch (error) {
      clearTimeout(slow);
      log[failureLevel(error)]({ err: error }, 'interaction handler failed');
      if (isStoreUnavailable(error)) core.metrics.storeError();
      await responder.apologise(failureText(error));
      await responder.flush();
    }
  }
}
