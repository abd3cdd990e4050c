// One interaction's answers in the order Discord allows: one first response within 3 s, then follow-ups.
import {
  type APIModalInteractionResponseCallbackData,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  MessageFlags,
  type ModalMessageModalSubmitInteraction,
  type ModalSubmitInteraction,
} from 'discord.js';
import type { Logger } from '../../logger.ts';
import { classifyDiscordError } from './discord-errors.ts';
import { NO_MENTIONS } from './discord-messages.ts';
import type { DiscordMessage } from './render-embeds.ts';

export type AnswerableInteraction = ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction;

/** A button press, or a modal submitted from a message's button: the message can be updated. */
const onMessage = (
  interaction: AnswerableInteraction,
): interaction is ButtonInteraction | ModalMessageModalSubmitInteraction =>
  interaction.isButton() || (interaction.isModalSubmit() && interaction.isFromMessage());

/** What goes into one interaction message: a rendered part, optionally with a line of content above it. */
export interface ReplyPart extends DiscordMessage {
  content?: string;
}

type State =
  /** Nothing sent yet: the first response is still owed (within 3 s). */
  | 'fresh'
  /** A command was deferred: an ephemeral "thinking…" placeholder waits to be filled. */
  | 'placeholder'
  /** A press was acknowledged without a visible change; the pressed message can still be edited. */
  | 'deferred-update'
  /** The first response is out; further messages are follow-ups. */
  | 'answered'
  /** Discord no longer accepts answers to this interaction. */
  | 'expired';

/**
 * What answering an interaction offers the delivery, over the gateway (discord.js's interaction and its
 * callback route) or over HTTP (the response to Discord's POST, see http/http-responder.ts).
 */
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

const textPart = (content: string): ReplyPart => ({ content, embeds: [], components: [] });

function options(part: ReplyPart) {
  return {
    embeds: part.embeds,
    components: part.components,
    allowedMentions: NO_MENTIONS,
    ...(part.content === undefined ? {} : { content: part.content }),
  };
}

export class InteractionResponder implements Responder {
  #state: State = 'fresh';
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly interaction: AnswerableInteraction,
    private readonly log: Logger,
    /** Called once, when the first response reached Discord (metrics). */
    private readonly onAcknowledged: () => void = () => {},
  ) {}

  /** Whether the interaction has been answered at all (a defer counts). */
  get acknowledged(): boolean {
    return this.#state !== 'fresh';
  }

  /**
   * Runs answers one after another, so the slow-path defer and a reply never race. An expired token
   * (10062) or an answer someone else already gave (40060) is logged here and ends the answering.
   */
  #enqueue<T>(step: () => Promise<T>): Promise<T | undefined> {
    const run = this.#queue.then(async (): Promise<T | undefined> => {
      if (this.#state === 'expired') return undefined;
      try {
        const fresh = this.#state === 'fresh';
        const result = await step();
        if (fresh && this.#state !== 'fresh') this.onAcknowledged();
        return result;
      } catch (error) {
        const failure = classifyDiscordError(error);
        if (failure.kind === 'interaction-expired') {
          this.#state = 'expired';
          this.log.warn({ code: failure.code }, 'interaction expired before it was answered');
          return undefined;
        }
        if (failure.kind === 'already-acknowledged') {
          this.#state = 'answered';
          this.log.warn({ code: failure.code }, 'interaction was already answered');
          return undefined;
        }
        throw error;
      }
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #defer(): Promise<void> {
    if (onMessage(this.interaction)) {
      await this.interaction.deferUpdate();
      this.#state = 'deferred-update';
      return;
    }
    // Ephemeral, so whatever comes (a private answer or an error) never shows publicly by accident.
    await this.interaction.deferReply({ flags: MessageFlags.Ephemeral });
    this.#state = 'placeholder';
  }

  /** Acknowledges now if nothing was sent yet: the work is taking long, or only channel posts follow. */
  async acknowledge(): Promise<void> {
    await this.#enqueue(async () => {
      if (this.#state === 'fresh') await this.#defer();
    });
  }

  /** Only the acting user sees it. Returns the message id when `wantId` (a first reply then asks for it). */
  private(part: ReplyPart, wantId = false): Promise<string | undefined> {
    return this.#enqueue(async () => {
      const ephemeral: InteractionReplyOptions = { ...options(part), flags: MessageFlags.Ephemeral };
      if (this.#state === 'fresh') {
        if (!wantId) {
          await this.interaction.reply(ephemeral);
          this.#state = 'answered';
          return undefined;
        }
        const response = await this.interaction.reply({ ...ephemeral, withResponse: true });
        this.#state = 'answered';
        return response.resource?.message?.id;
      }
      if (this.#state === 'placeholder') {
        const edited = await this.interaction.editReply(options(part));
        this.#state = 'answered';
        return edited.id;
      }
      return (await this.interaction.followUp(ephemeral)).id;
    });
  }

  /** Everyone in the channel sees it. Returns the message id when `wantId`. */
  public(part: ReplyPart, wantId = false): Promise<string | undefined> {
    return this.#enqueue(async () => {
      if (this.#state === 'fresh') {
        if (!wantId) {
          await this.interaction.reply(options(part));
          this.#state = 'answered';
          return undefined;
        }
        const response = await this.interaction.reply({ ...options(part), withResponse: true });
        this.#state = 'answered';
        return response.resource?.message?.id;
      }
      if (this.#state === 'placeholder') {
        // The placeholder is ephemeral: it goes, and the answer follows publicly.
        await this.interaction.deleteReply();
        this.#state = 'answered';
      }
      return (await this.interaction.followUp(options(part))).id;
    });
  }

  /**
   * Replaces the pressed message (the first response to a press, or an edit after a deferred press).
   * Returns the message id, or undefined when the press was answered otherwise already.
   */
  update(part: ReplyPart): Promise<string | undefined> {
    return this.#enqueue(async () => {
      const interaction = this.interaction;
      if (!onMessage(interaction)) return undefined;
      if (this.#state === 'fresh') {
        await interaction.update(options(part));
        this.#state = 'answered';
        return interaction.message.id;
      }
      if (this.#state === 'deferred-update') {
        await interaction.editReply(options(part) satisfies InteractionEditReplyOptions);
        this.#state = 'answered';
        return interaction.message.id;
      }
      this.log.warn({ state: this.#state }, 'the pressed message cannot be updated after another answer');
      return undefined;
    });
  }

  /** Closes the exchange: fills a placeholder still waiting, or acknowledges a press that changed nothing. */
  async finish(text: string): Promise<void> {
    await this.#enqueue(async () => {
      if (this.#state === 'placeholder') {
        await this.interaction.editReply(options(textPart(text)));
        this.#state = 'answered';
      } else if (this.#state === 'fresh') {
        const interaction = this.interaction;
        if (onMessage(interaction)) {
          await interaction.deferUpdate();
          this.#state = 'answered';
          return;
        }
        await this.interaction.reply({ ...options(textPart(text)), flags: MessageFlags.Ephemeral });
        this.#state = 'answered';
      }
    });
  }

  /**
   * Opens a modal as the first response to a press; false when the press was answered already (the
   * slow path deferred it), so the caller asks another way.
   */
  modal(data: APIModalInteractionResponseCallbackData): Promise<boolean> {
    return this.#enqueue(async () => {
      const interaction = this.interaction;
      if (this.#state !== 'fresh' || !interaction.isButton()) return false;
      await interaction.showModal(data);
      this.#state = 'answered';
      return true;
    }).then((shown) => shown === true);
  }

  /** The short apology after a failure; its own failure is only logged. */
  async apologise(text: string): Promise<void> {
    try {
      await this.private(textPart(text));
    } catch (error) {
      this.log.warn({ err: error }, 'could not send the apology');
    }
  }

  /** A line of text only the acting user sees. */
  note(text: string): Promise<string | undefined> {
    return this.private(textPart(text));
  }
}
