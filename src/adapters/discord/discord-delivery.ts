// Discord output: the answer to an interaction (update, ephemeral, public or channel posts) and edits of
// channel messages by their ref.
import type { REST } from 'discord.js';
import type { PayloadSeal } from '../../core/action-seal.ts';
import type { NeutralMessage, Outgoing, Response } from '../../core/output.ts';
import { malformed, type SendResult, sendFailure } from '../../delivery/platform-adapter.ts';
import { t } from '../../i18n/current-locale.ts';
import type { Logger } from '../../logger.ts';
import { sealMessage } from '../shared/seal-message.ts';
import { cannotPostText } from './discord-actor.ts';
import { classifyDiscordError, deliveryFailure } from './discord-errors.ts';
import { ChannelMessages, parseRef, refOf } from './discord-messages.ts';
import type { ReplyPart, Responder } from './interaction-responder.ts';
import { type DiscordMessage, renderMessage, renderNotice } from './render-embeds.ts';
import { renderModal } from './render-modal.ts';

export interface DiscordDeliveryOptions {
  rest: REST;
  seal: PayloadSeal;
  log: Logger;
}

/** A rendered part as an interaction message, with an optional line of content above it. */
const withContent = (parts: ReplyPart[], content: string): ReplyPart[] =>
  parts.map((part, index) => (index === 0 ? { ...part, content } : part));

/** A message of a response, and where it stands in the response's own order. */
interface Numbered {
  out: Outgoing;
  at: number;
}

/** A press answers first with the pressed message's update, if it has one (only the first answer may). */
function updateFirst(messages: readonly Numbered[]): Numbered[] {
  const index = messages.findIndex(({ out }) => out.target.to === 'update');
  if (index <= 0) return [...messages];
  const update = messages[index];
  return update ? [update, ...messages.filter((_, at) => at !== index)] : [...messages];
}

/** Where an interaction happened, as answering it needs to know (see payload-input.ts). */
export interface InteractionPlace {
  channelId: string | null;
  /** The message a press (or a modal opened from one) came from. */
  pressed: { id: string; ephemeral: boolean } | undefined;
  /** Names of the posting permissions the bot lacks in the channel. */
  missingPermissions(): string[];
}

export class DiscordDelivery {
  readonly #channels: ChannelMessages;

  constructor(private readonly options: DiscordDeliveryOptions) {
    this.#channels = new ChannelMessages(options.rest);
  }

  /** Replaces a channel message by its ref (what does not fit follows as new messages). */
  async edit(ref: string, message: NeutralMessage): Promise<SendResult> {
    const target = parseRef(ref);
    if (!target) return malformed(`not a Discord message reference: ${ref}`);
    try {
      await this.#channels.replace(target, this.render(message, target.channelId));
    } catch (error) {
      return sendFailure(deliveryFailure(classifyDiscordError(error)));
    }
    return { ok: true, ref };
  }

  /** Seals the message's buttons to the channel it is sent to, then renders it. */
  render(message: NeutralMessage, channelId: string): DiscordMessage[] {
    return renderMessage(sealMessage(message, this.options.seal, { platform: 'discord', chatId: channelId }));
  }

  /** Answers an interaction with `response`; returns the ref of each of its messages as sent, in order. */
  respond(
    place: InteractionPlace,
    responder: Responder,
    response: Response,
    log: Logger,
  ): Promise<(string | undefined)[]> {
    // A press's usual answer (a group question's ✅/❌) is a notice alone: a short path of its own, so
    // the hot code the JIT compiles during a burst of presses is small.
    if (!response.ask && response.messages.length === 0)
      return this.#respondWithNotice(place, responder, response);
    return this.#respondInFull(place, responder, response, log);
  }

  /** A response with no messages: its notice privately (with its buttons, if any), then done. */
  async #respondWithNotice(place: InteractionPlace, responder: Responder, response: Response): Promise<[]> {
    if (response.notice) {
      const text = renderNotice(response.notice.text);
      const buttons = response.notice.buttons ?? [];
      if (buttons.length > 0) {
        const [part] = this.render({ blocks: [], buttons }, place.channelId ?? '');
        await responder.private({ content: text, embeds: [], components: part?.components ?? [] });
      } else await responder.note(text);
    }
    await responder.finish(t('discord-done'));
    return [];
  }

  async #respondInFull(
    place: InteractionPlace,
    responder: Responder,
    response: Response,
    log: Logger,
  ): Promise<(string | undefined)[]> {
    const { channelId, pressed } = place;
    if (response.ask) {
      const sealed = this.options.seal.seal(response.ask.payload, {
        platform: 'discord',
        chatId: channelId ?? '',
      });
      if (await responder.modal(renderModal(response.ask, sealed))) return [];
      // Too late for a modal (the press was deferred): the question shows in place of the pressed message.
      response = { ...response, messages: [{ target: { to: 'update' }, message: response.ask.message }] };
    }
    const pressedEphemeral = pressed?.ephemeral ?? false;
    const numbered = response.messages.map((out, at) => ({ out, at }));
    const messages = pressed ? updateFirst(numbered) : numbered;
    const refs: (string | undefined)[] = response.messages.map(() => undefined);
    const updatesFirst = pressed !== undefined && messages[0]?.out.target.to === 'update';
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
    for (const [index, { out, at }] of messages.entries()) {
      // Ephemeral messages and posts of this interaction all live in its channel.
      const parts: ReplyPart[] = this.render(out.message, channelId ?? '');
      const to = out.target.to;
      const wantId = out.remember !== undefined;
      let id: string | undefined;
      // The deliverer edits earlier messages itself; none reaches an interaction's answer.
      if (out.target.to === 'edit') continue;
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
        id = await this.#postInInteraction(place, channelId, parts, responder, log);
        if (id) posted = true;
      } else {
        // A public reply (an `update` outside a press shows as one too).
        for (const part of parts) id = await responder.public(part, wantId);
      }
      if (id && channelId) refs[at] = refOf(channelId, id);
    }
    if (notice !== undefined) await responder.note(notice);
    await responder.finish(posted ? t('discord-posted') : t('discord-done'));
    return refs;
  }

  async #postInInteraction(
    place: InteractionPlace,
    channelId: string,
    parts: ReplyPart[],
    responder: Responder,
    log: Logger,
  ): Promise<string | undefined> {
    try {
      return await this.#channels.postAll(channelId, parts);
    } catch (error) {
      const failure = classifyDiscordError(error);
      if (failure.kind !== 'chat-gone') throw error;
      log.warn({ code: failure.code }, 'cannot post in the channel');
      await responder.note(renderNotice(cannotPostText(place.missingPermissions())));
      return undefined;
    }
  }
}
