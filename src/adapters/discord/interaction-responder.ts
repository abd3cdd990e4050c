// One interaction's answers in the order Discord allows: the first is held until the work is done (so what
// its buttons refer to is stored first) and goes out as the interaction response (over HTTP, the reply to
// Discord's POST; over the gateway, the callback route), everything after it over REST through the
// interaction's webhook.
import {
  type APIInteractionResponse,
  type APIModalInteractionResponseCallbackData,
  InteractionResponseType,
  MessageFlags,
  type REST,
  Routes,
} from 'discord.js';
import type { Logger } from '../../logger.ts';
import { classifyDiscordError } from './discord-errors.ts';
import { NO_MENTIONS } from './discord-messages.ts';
import type { DiscordMessage } from './render-embeds.ts';

/** Sends an interaction's first response (the reply to the POST, or the callback route over the gateway). */
export type Respond = (
  body: APIInteractionResponse,
  interaction: { id: string; token: string },
) => Promise<void>;

/** What goes into one interaction message: a rendered part, optionally with a line of content above it. */
export interface ReplyPart extends DiscordMessage {
  content?: string;
}

/** What answering an interaction offers the delivery (see discord-delivery.ts). */
export interface Responder {
  readonly acknowledged: boolean;
  acknowledge(): Promise<void>;
  private(part: ReplyPart, wantId?: boolean): Promise<string | undefined>;
  public(part: ReplyPart, wantId?: boolean): Promise<string | undefined>;
  update(part: ReplyPart): Promise<string | undefined>;
  finish(text: string): Promise<void>;
  modal(data: APIModalInteractionResponseCallbackData): Promise<boolean>;
  apologise(text: string): Promise<void>;
  note(text: string): Promise<string | undefined>;
}

type State = 'fresh' | 'placeholder' | 'deferred-update' | 'answered' | 'expired';

export interface InteractionResponderOptions {
  rest: REST;
  interactionId: string;
  applicationId: string;
  token: string;
  /** The id of the message a press (or a modal opened from one) came from. */
  pressedMessageId: string | undefined;
  /** A button press: a modal may be its first answer. */
  isPress: boolean;
  /** Sends the first response. */
  respond: Respond;
  log: Logger;
  /** Called once, when the response went out (metrics). */
  onAcknowledged?: () => void;
}

const textPart = (content: string): ReplyPart => ({ content, embeds: [], components: [] });

/** A message body for an interaction response or a webhook message. */
function messageData(part: ReplyPart, ephemeral = false) {
  return {
    embeds: part.embeds,
    components: part.components,
    allowed_mentions: NO_MENTIONS,
    ...(part.content === undefined ? {} : { content: part.content }),
    ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

const idOf = (message: unknown): string | undefined =>
  typeof message === 'object' && message !== null && 'id' in message && typeof message.id === 'string'
    ? message.id
    : undefined;

export class InteractionResponder implements Responder {
  #state: State = 'fresh';
  #queue: Promise<unknown> = Promise.resolve();
  /** The first response, chosen but perhaps not sent yet. */
  #first: APIInteractionResponse | undefined;
  #sent: Promise<void> | undefined;

  constructor(private readonly options: InteractionResponderOptions) {}

  get acknowledged(): boolean {
    return this.#state !== 'fresh';
  }

  /** The first response when one is chosen and not sent yet (`flush` sends it). */
  get reply(): APIInteractionResponse | undefined {
    return this.#sent ? undefined : this.#first;
  }

  /** Whether the first response has gone out. */
  get sent(): boolean {
    return this.#sent !== undefined;
  }

  get #onMessage(): boolean {
    return this.options.pressedMessageId !== undefined;
  }

  /**
   * Sends the first response now: the one chosen, or a deferral when none was chosen yet (the work
   * is slow). Called when the work is done, at the deadline, and before any REST call for the interaction
   * (a webhook follow-up needs the response to have reached Discord).
   */
  flush(): Promise<void> {
    if (this.#sent) return this.#sent;
    if (!this.#first) this.#defer();
    const first = this.#first;
    if (!first) return Promise.resolve();
    this.#sent = this.options
      .respond(first, { id: this.options.interactionId, token: this.options.token })
      .then(
        () => this.options.onAcknowledged?.(),
        (error: unknown) => {
          this.#state = 'expired';
          const failure = classifyDiscordError(error);
          if (failure.kind === 'interaction-expired')
            this.options.log.warn({ code: failure.code }, 'interaction expired before it was answered');
          else this.options.log.warn({ err: error }, 'the response to the interaction could not be sent');
        },
      );
    return this.#sent;
  }

  #choose(first: APIInteractionResponse, next: State): void {
    this.#first = first;
    this.#state = next;
  }

  #defer(): void {
    if (this.#onMessage)
      this.#choose({ type: InteractionResponseType.DeferredMessageUpdate }, 'deferred-update');
    // Ephemeral, so whatever comes (a private answer or an error) never shows publicly by accident.
    else
      this.#choose(
        {
          type: InteractionResponseType.DeferredChannelMessageWithSource,
          data: { flags: MessageFlags.Ephemeral },
        },
        'placeholder',
      );
  }

  /** Runs answers one after another; REST answers wait for the first response to be out. */
  #enqueue<T>(step: () => Promise<T>): Promise<T | undefined> {
    const run = this.#queue.then(async (): Promise<T | undefined> => {
      if (this.#state === 'expired') return undefined;
      try {
        return await step();
      } catch (error) {
        const failure = classifyDiscordError(error);
        if (failure.kind === 'interaction-expired') {
          this.#state = 'expired';
          this.options.log.warn({ code: failure.code }, 'interaction expired before it was answered');
          return undefined;
        }
        throw error;
      }
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** A REST call on the interaction's webhook, after the first response. */
  async #webhook<T>(call: () => Promise<T>): Promise<T | undefined> {
    await this.flush();
    if (this.#state === 'expired') return undefined;
    return call();
  }

  #followUp(part: ReplyPart, ephemeral: boolean): Promise<string | undefined> {
    const { rest, applicationId, token } = this.options;
    return this.#webhook(async () =>
      idOf(
        await rest.post(Routes.webhook(applicationId, token), {
          body: messageData(part, ephemeral),
          auth: false,
        }),
      ),
    );
  }

  #editOriginal(part: ReplyPart): Promise<string | undefined> {
    const { rest, applicationId, token } = this.options;
    return this.#webhook(async () =>
      idOf(
        await rest.patch(Routes.webhookMessage(applicationId, token, '@original'), {
          body: messageData(part),
          auth: false,
        }),
      ),
    );
  }

  #deleteOriginal(): Promise<unknown> {
    const { rest, applicationId, token } = this.options;
    return this.#webhook(() =>
      rest.delete(Routes.webhookMessage(applicationId, token, '@original'), { auth: false }),
    );
  }

  /** Nothing to send now: the response goes out when the work is done, or at the deadline as a deferral. */
  async acknowledge(): Promise<void> {}

  /**
   * Only the acting user sees it. An inline first answer has no id Discord tells (its response carries
   * none), so `wantId` is answered for follow-ups and edits only.
   */
  private(part: ReplyPart, _wantId = false): Promise<string | undefined> {
    return this.#enqueue(async () => {
      if (this.#state === 'fresh') {
        this.#choose(
          { type: InteractionResponseType.ChannelMessageWithSource, data: messageData(part, true) },
          'answered',
        );
        return undefined;
      }
      if (this.#state === 'placeholder') {
        const id = await this.#editOriginal(part);
        this.#state = 'answered';
        return id;
      }
      return this.#followUp(part, true);
    });
  }

  /** Everyone in the channel sees it. */
  public(part: ReplyPart, _wantId = false): Promise<string | undefined> {
    return this.#enqueue(async () => {
      if (this.#state === 'fresh') {
        this.#choose(
          { type: InteractionResponseType.ChannelMessageWithSource, data: messageData(part) },
          'answered',
        );
        return undefined;
      }
      if (this.#state === 'placeholder') {
        // The placeholder is ephemeral: it goes, and the answer follows publicly.
        await this.#deleteOriginal();
        this.#state = 'answered';
      }
      return this.#followUp(part, false);
    });
  }

  /** Replaces the pressed message: inline (UPDATE_MESSAGE) first, else an edit after a deferred press. */
  update(part: ReplyPart): Promise<string | undefined> {
    return this.#enqueue(async () => {
      const pressed = this.options.pressedMessageId;
      if (pressed === undefined) return undefined;
      if (this.#state === 'fresh') {
        this.#choose({ type: InteractionResponseType.UpdateMessage, data: messageData(part) }, 'answered');
        return pressed;
      }
      if (this.#state === 'deferred-update') {
        await this.#editOriginal(part);
        this.#state = 'answered';
        return pressed;
      }
      this.options.log.warn(
        { state: this.#state },
        'the pressed message cannot be updated after another answer',
      );
      return undefined;
    });
  }

  /** Closes the exchange: fills a placeholder still waiting, or acknowledges a press that changed nothing. */
  async finish(text: string): Promise<void> {
    await this.#enqueue(async () => {
      if (this.#state === 'placeholder') {
        await this.#editOriginal(textPart(text));
        this.#state = 'answered';
      } else if (this.#state === 'fresh') {
        if (this.#onMessage)
          this.#choose({ type: InteractionResponseType.DeferredMessageUpdate }, 'answered');
        else
          this.#choose(
            {
              type: InteractionResponseType.ChannelMessageWithSource,
              data: messageData(textPart(text), true),
            },
            'answered',
          );
      }
    });
  }

  /** Opens a modal as the first answer to a press; false when the press was answered already. */
  modal(data: APIModalInteractionResponseCallbackData): Promise<boolean> {
    return this.#enqueue(async () => {
      if (this.#state !== 'fresh' || !this.options.isPress) return false;
      this.#choose({ type: InteractionResponseType.Modal, data }, 'answered');
      return true;
    }).then((shown) => shown === true);
  }

  async apologise(text: string): Promise<void> {
    try {
      await this.private(textPart(text));
    } catch (error) {
      this.options.log.warn({ err: error }, 'could not send the apology');
    }
  }

  note(text: string): Promise<string | undefined> {
    return this.private(textPart(text));
  }
}
