// Discord output: a response to an interaction (update, ephemeral, public or channel posts), timer-driven
// posts, and edits of earlier messages, with live counts coalesced within Discord's edit budget.
import { MessageFlags, type REST } from 'discord.js';
import type { PayloadSeal } from '../../core/action-seal.ts';
import { markChatInactive } from '../../core/chat-status.ts';
import type { CoreServices } from '../../core/core-services.ts';
import type { NeutralMessage, Outgoing, Response } from '../../core/output.ts';
import type { ChatDelivery } from '../../core/quiz/quiz-service.ts';
import type { Logger } from '../../logger.ts';
import { EditQueue } from '../shared/edit-queue.ts';
import { LiveEdits } from '../shared/live-edits.ts';
import { sealMessage } from '../shared/seal-message.ts';
import { cannotPostText, missingPostingPermissions } from './discord-actor.ts';
import { classifyDiscordError } from './discord-errors.ts';
import { DISCORD_LIVE_EDIT_INTERVAL_MS } from './discord-limits.ts';
import { ChannelMessages, parseRef, refOf } from './discord-messages.ts';
import type { AnswerableInteraction, InteractionResponder, ReplyPart } from './interaction-responder.ts';
import { type DiscordMessage, renderMessage, renderNotice } from './render-embeds.ts';
import { renderModal } from './render-modal.ts';

const POSTED = 'Posted to this channel.';
const DONE = 'Done.';

export interface DiscordDeliveryOptions {
  rest: REST;
  core: CoreServices;
  seal: PayloadSeal;
  log: Logger;
  /** How often a live answer count may be edited per message (default: Discord's, 2 s). */
  counterEditIntervalMs?: number | undefined;
}

/** A rendered part as an interaction message, with an optional line of content above it. */
const withContent = (parts: ReplyPart[], content: string): ReplyPart[] =>
  parts.map((part, index) => (index === 0 ? { ...part, content } : part));

/** A press answers first with the pressed message's update, if it has one (only the first answer may). */
function updateFirst(messages: readonly Outgoing[]): Outgoing[] {
  const index = messages.findIndex((out) => out.target.to === 'update');
  if (index <= 0) return [...messages];
  const update = messages[index];
  return update ? [update, ...messages.filter((_, at) => at !== index)] : [...messages];
}

export class DiscordDelivery {
  readonly #channels: ChannelMessages;
  readonly #edits = new EditQueue();
  readonly #live: LiveEdits;

  constructor(private readonly options: DiscordDeliveryOptions) {
    this.#channels = new ChannelMessages(options.rest);
    this.#live = LiveEdits.forCore(
      options.core,
      options.counterEditIntervalMs ?? DISCORD_LIVE_EDIT_INTERVAL_MS,
      async (ref, message) => {
        const target = parseRef(ref);
        if (target) await this.#channels.replace(target, this.render(message, target.channelId));
      },
      options.log,
    );
  }

  /** Seals the message's buttons to the channel it is sent to, then renders it. */
  render(message: NeutralMessage, channelId: string): DiscordMessage[] {
    return renderMessage(sealMessage(message, this.options.seal, { platform: 'discord', chatId: channelId }));
  }

  respond(
    interaction: AnswerableInteraction,
    responder: InteractionResponder,
    response: Response,
    log: Logger,
  ): Promise<void> {
    // A press's usual answer (a group question's ✅/❌) is a notice alone: a short path of its own, so
    // the hot code the JIT compiles during a burst of presses is small.
    if (!response.ask && response.messages.length === 0)
      return this.#respondWithNotice(interaction, responder, response);
    return this.#respondInFull(interaction, responder, response, log);
  }

  /** A response with no messages: its notice privately (with its buttons, if any), then done. */
  async #respondWithNotice(
    interaction: AnswerableInteraction,
    responder: InteractionResponder,
    response: Response,
  ): Promise<void> {
    if (response.notice) {
      const text = renderNotice(response.notice.text);
      const buttons = response.notice.buttons ?? [];
      if (buttons.length > 0) {
        const [part] = this.render({ blocks: [], buttons }, interaction.channelId ?? '');
        await responder.private({ content: text, embeds: [], components: part?.components ?? [] });
      } else await responder.note(text);
    }
    await responder.finish(DONE);
    if (response.live) this.#live.touch(response.live);
  }

  async #respondInFull(
    interaction: AnswerableInteraction,
    responder: InteractionResponder,
    response: Response,
    log: Logger,
  ): Promise<void> {
    const channelId = interaction.channelId;
    const pressed =
      interaction.isButton() || (interaction.isModalSubmit() && interaction.isFromMessage())
        ? interaction.message
        : undefined;
    if (response.ask) {
      const sealed = this.options.seal.seal(response.ask.payload, {
        platform: 'discord',
        chatId: channelId ?? '',
      });
      if (await responder.modal(renderModal(response.ask, sealed))) return;
      // Too late for a modal (the press was deferred): the question shows in place of the pressed message.
      response = { ...response, messages: [{ target: { to: 'update' }, message: response.ask.message }] };
    }
    const pressedEphemeral = pressed?.flags.has(MessageFlags.Ephemeral) ?? false;
    const messages = pressed ? updateFirst(response.messages) : response.messages;
    const updatesFirst = pressed !== undefined && messages[0]?.target.to === 'update';
    let notice = response.notice ? renderNotice(response.notice.text) : undefined;
    const noticeButtons = response.notice?.buttons ?? [];
    if (notice !== undefined && noticeButtons.length > 0) {
      // A notice with buttons (Report under a group answer) is an ephemeral message of its own.
      const [part] = this.render({ blocks: [], buttons: noticeButtons }, channelId ?? '');
      await responder.private({ content: notice, embeds: [], components: part?.components ?? [] });
      notice = undefined;
    }
    if (notice !== undefined && !updatesFirst) {
      await responder.note(notice);
      notice = undefined;
    }
    let posted = false;
    for (const [index, out] of messages.entries()) {
      // Ephemeral messages and posts of this interaction all live in its channel.
      const parts: ReplyPart[] = this.render(out.message, channelId ?? '');
      const to = out.target.to;
      const wantId = out.remember !== undefined;
      let id: string | undefined;
      if (out.target.to === 'edit') {
        await responder.acknowledge();
        await this.#edit(out.target.ref, out, log).catch((error: unknown) =>
          log.warn({ err: error }, 'editing an earlier message failed'),
        );
        continue;
      }
      if (to === 'update' && updatesFirst && index === 0) {
        // On a message only the user sees, the notice becomes its first line instead of another message.
        const folded = notice !== undefined && pressedEphemeral ? notice : '';
        if (folded) notice = undefined;
        const [first, ...rest] = withContent(parts, folded);
        if (first) id = await responder.update(first);
        for (const part of rest) await (pressedEphemeral ? responder.private(part) : responder.public(part));
        if (notice !== undefined) {
          await responder.note(notice);
          notice = undefined;
        }
      } else if (to === 'private') {
        for (const part of parts) id = await responder.private(part, wantId);
      } else if (channelId && (to === 'chat' || (to === 'reply' && wantId))) {
        // A channel message, which (unlike an interaction response) any process can edit for as long as
        // it exists: what the core edits later (a group question) and timer-like posts go this way.
        await responder.acknowledge();
        id = await this.#postInInteraction(interaction, channelId, parts, responder, log);
        if (id) posted = true;
      } else {
        // A public reply (an `update` outside a press shows as one too).
        for (const part of parts) id = await responder.public(part, wantId);
      }
      if (id && channelId) await this.options.core.quiz.rememberSent(out, refOf(channelId, id));
    }
    if (notice !== undefined) await responder.note(notice);
    await responder.finish(posted ? POSTED : DONE);
    if (response.live) this.#live.touch(response.live);
  }

  async #postInInteraction(
    interaction: AnswerableInteraction,
    channelId: string,
    parts: ReplyPart[],
    responder: InteractionResponder,
    log: Logger,
  ): Promise<string | undefined> {
    try {
      return await this.#channels.postAll(channelId, parts);
    } catch (error) {
      const failure = classifyDiscordError(error);
      if (failure.kind !== 'chat-gone') throw error;
      log.warn({ code: failure.code }, 'cannot post in the channel');
      await responder.note(renderNotice(cannotPostText(missingPostingPermissions(interaction))));
      return undefined;
    }
  }

  /** Edits a message by its ref, after earlier edits of it; a live count's final edit ends its counting. */
  async #edit(ref: string, out: Outgoing, log: Logger): Promise<void> {
    const target = parseRef(ref);
    if (!target) {
      log.warn({ ref }, 'not a Discord message reference; edit skipped');
      return;
    }
    const parts = this.render(out.message, target.channelId);
    const send = () => this.#channels.replace(target, parts);
    await (out.closesLive ? this.#live.final(ref, send) : this.#edits.run(ref, send));
  }

  /** Timer-driven posts (group rounds closing) for one channel: edits and new channel messages. */
  deliver = async (delivery: ChatDelivery): Promise<void> => {
    const log = this.options.log.child({ chatId: delivery.chatId });
    for (const out of delivery.messages) {
      try {
        if (out.target.to === 'edit') {
          await this.#edit(out.target.ref, out, log);
          continue;
        }
        const id = await this.#channels.postAll(delivery.chatId, this.render(out.message, delivery.chatId));
        if (id) await this.options.core.quiz.rememberSent(out, refOf(delivery.chatId, id));
      } catch (error) {
        const failure = classifyDiscordError(error);
        if (failure.kind === 'chat-gone') {
          await markChatInactive(this.options.core, 'discord', delivery.chatId, failure.description);
          return;
        }
        // One failed message (say, an edit of a deleted question) must not hold back the next question.
        log.error({ err: error, target: out.target.to }, 'timer-driven post failed');
      }
    }
  };

  close(): void {
    this.#live.close();
  }
}
