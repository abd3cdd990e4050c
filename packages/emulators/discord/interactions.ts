// Tracks emulated interactions: dispatch, the callback window, @original, follow-ups and test handles.
import { performance } from 'node:perf_hooks';
import type {
  APIApplicationCommandInteractionMetadata,
  APIInteraction,
  APIMessage,
  APIMessageComponentInteractionMetadata,
  APIMessageInteraction,
  APIMessageInteractionMetadata,
  APIModalSubmitInteractionMetadata,
  InteractionResponseType,
  InteractionType,
  MessageType,
} from 'discord-api-types/v10';
import { ApiError, Errors, FormErrors } from './errors.ts';
import type { Gateway } from './gateway.ts';
import { interactionToken, snowflake } from './ids.ts';
import {
  autocompleteInteraction,
  commandInteraction,
  componentInteraction,
  modalSubmitInteraction,
} from './interaction-payloads.ts';
import { type EndpointAnswer, type InteractionsEndpoint, postSigned } from './interactions-endpoint.ts';
import { EmulatorUsageError, type Invoker, resolveInvoker } from './invoker.ts';
import { clone, isInteger, isRecord, isString } from './json.ts';
import type { MessageEvents } from './message-events.ts';
import { createMessage, editMessage, type UploadedFile } from './messages.ts';
import type { RouteResult } from './router.ts';
import type {
  AutocompleteOptions,
  InteractionCallback,
  InteractionCallbackData,
  InteractionHandle,
  InteractionRecord,
  PressButtonOptions,
  RejectedCallback,
  RunCommandOptions,
  SubmitModalOptions,
} from './types.ts';
import { validateChoices, validateModal } from './validate-callbacks.ts';
import { MessageFlag, type MessageInput, validateMessage } from './validate-message.ts';
import { emulatedMessage, type MessageState, type World } from './world.ts';

/** Interaction tokens stay valid for follow-ups and edits for 15 minutes. */
const TOKEN_TTL_MS = 15 * 60_000;

/** Callback types Discord accepts per interaction type. */
const ALLOWED_CALLBACKS: Readonly<Record<number, readonly number[]>> = {
  2: [4, 5, 9, 12],
  3: [4, 5, 6, 7, 9],
  4: [8],
  5: [4, 5, 6, 7],
};

interface Deferred {
  promise: Promise<InteractionCallback>;
  resolve: (value: InteractionCallback) => void;
  reject: (error: Error) => void;
}

export interface InteractionState {
  id: string;
  token: string;
  type: InteractionType;
  payload: APIInteraction;
  invoker: Invoker;
  /** `/quiz start` style name for the legacy `interaction` field; null for non-commands. */
  commandName: string | null;
  componentMessageId: string | null;
  dispatchedAt: number;
  dispatchedPerf: number;
  /** Callback deadline in ms after dispatch, fixed at dispatch time. */
  timeoutMs: number;
  callback: InteractionCallback | null;
  rejected: RejectedCallback[];
  originalId: string | null;
  followUpIds: string[];
  /** Type 5 placeholder not yet filled in by an edit or the first follow-up. */
  loading: boolean;
  /** Components of the modal shown by a type 9 callback. */
  modal: { customId: string; components: unknown[] } | null;
  metadata: APIMessageInteractionMetadata;
  waiter: Deferred;
  timer: NodeJS.Timeout | null;
  /** Delivered over HTTP: what the bot's endpoint answered (null while the POST is in flight). */
  endpointAnswer: EndpointAnswer | null;
  /** Delivered over HTTP: settles once the endpoint's answer was taken (or failed). */
  delivered: Promise<void> | null;
}

export interface InteractionHubOptions {
  world: World;
  gateway: Gateway;
  events: MessageEvents;
  timeoutMs: number;
  strictCommands: boolean;
  /** Origin used for attachment URLs. */
  origin: () => string;
}

export class InteractionHub {
  readonly #options: InteractionHubOptions;
  readonly #byId = new Map<string, InteractionState>();
  readonly #byToken = new Map<string, InteractionState>();

  #timeoutMs: number;
  /** Set: interactions are POSTed to the bot's endpoint instead of dispatched over the gateway. */
  #endpoint: InteractionsEndpoint | null = null;

  constructor(options: InteractionHubOptions) {
    this.#options = options;
    this.#timeoutMs = options.timeoutMs;
  }

  /** Callback deadline for interactions dispatched from now on. */
  get timeoutMs(): number {
    return this.#timeoutMs;
  }

  set timeoutMs(ms: number) {
    this.#timeoutMs = ms;
  }

  /** Where interactions go from now on: the bot's Interactions Endpoint, or (null) the gateway. */
  get endpoint(): InteractionsEndpoint | null {
    return this.#endpoint;
  }

  set endpoint(endpoint: InteractionsEndpoint | null) {
    this.#endpoint = endpoint;
  }

  // ---- test-facing: dispatching -------------------------------------------------------------

  runCommand(options: RunCommandOptions): InteractionHandle {
    const { world } = this.#options;
    const invoker = resolveInvoker(world, options);
    this.#checkRegistered(options.name, invoker);
    const id = snowflake();
    const token = interactionToken(id);
    const payload = commandInteraction(world, invoker, id, token, options);
    const name = [options.name, options.subcommandGroup, options.subcommand].filter(isString).join(' ');
    return this.#dispatch(payload, invoker, name, null, commandMetadata(id, invoker));
  }

  autocomplete(options: AutocompleteOptions): InteractionHandle {
    const { world } = this.#options;
    const invoker = resolveInvoker(world, options);
    this.#checkRegistered(options.name, invoker);
    const id = snowflake();
    const token = interactionToken(id);
    const payload = autocompleteInteraction(world, invoker, id, token, options);
    return this.#dispatch(payload, invoker, null, null, commandMetadata(id, invoker));
  }

  #checkRegistered(name: string, invoker: Invoker): void {
    if (!this.#options.strictCommands) return;
    if (!this.#options.world.findCommand(name, invoker.guild?.id ?? null)) {
      throw new EmulatorUsageError(`/${name} is not registered (globally or in this guild)`);
    }
  }

  pressButton(options: PressButtonOptions): InteractionHandle {
    const { world } = this.#options;
    const stored = world.messages.get(options.messageId);
    if (!stored || stored.deleted) throw new EmulatorUsageError(`Unknown message ${options.messageId}`);
    const invoker = resolveInvoker(world, {
      ...options,
      channelId: options.channelId ?? stored.message.channel_id,
    });
    if (invoker.channel.id !== stored.message.channel_id) {
      throw new EmulatorUsageError(`Message ${options.messageId} is not in channel ${invoker.channel.id}`);
    }
    if (stored.ephemeral) {
      const owner = stored.interactionId === null ? undefined : this.#byId.get(stored.interactionId);
      if (owner && owner.invoker.user.id !== invoker.user.id) {
        throw new EmulatorUsageError('Only the invoking user can see (and click) an ephemeral message');
      }
    }
    const id = snowflake();
    const token = interactionToken(id);
    const payload = componentInteraction(world, invoker, id, token, stored.message, options);
    const metadata: APIMessageComponentInteractionMetadata = {
      id,
      type: 3,
      user: clone(invoker.user),
      authorizing_integration_owners: owners(invoker),
      interacted_message_id: stored.message.id,
    };
    return this.#dispatch(payload, invoker, null, stored.message.id, metadata);
  }

  submitModal(options: SubmitModalOptions): InteractionHandle {
    const { world } = this.#options;
    const opener = this.#findModalOpener(options);
    const invoker = resolveInvoker(world, {
      ...options,
      channelId: options.channelId ?? opener.invoker.channel.id,
      user: options.user ?? opener.invoker.user,
    });
    const modal = opener.modal ?? { customId: options.customId, components: [] };
    const message =
      opener.componentMessageId === null
        ? null
        : (world.messages.get(opener.componentMessageId)?.message ?? null);
    const id = snowflake();
    const token = interactionToken(id);
    const payload = modalSubmitInteraction(world, invoker, id, token, options, modal.components, message);
    const triggering = opener.metadata;
    if (triggering.type === 5)
      throw new EmulatorUsageError('A modal cannot be shown in response to a modal submit');
    const metadata: APIModalSubmitInteractionMetadata = {
      id,
      type: 5,
      user: clone(invoker.user),
      authorizing_integration_owners: owners(invoker),
      triggering_interaction_metadata: clone(triggering),
    };
    return this.#dispatch(payload, invoker, null, opener.componentMessageId, metadata);
  }

  #findModalOpener(options: SubmitModalOptions): InteractionState {
    if (options.interactionId !== undefined) {
      const state = this.#byId.get(options.interactionId);
      if (!state?.modal || state.modal.customId !== options.customId) {
        throw new EmulatorUsageError(
          `Interaction ${options.interactionId} did not show modal "${options.customId}"`,
        );
      }
      return state;
    }
    const candidates = [...this.#byId.values()].filter((s) => s.modal?.customId === options.customId);
    const latest = candidates.at(-1);
    if (!latest)
      throw new EmulatorUsageError(`No interaction showed a modal with custom_id "${options.customId}"`);
    return latest;
  }

  #dispatch(
    payload: APIInteraction,
    invoker: Invoker,
    commandName: string | null,
    componentMessageId: string | null,
    metadata: APIMessageInteractionMetadata,
  ): InteractionHandle {
    let resolve: (value: InteractionCallback) => void = () => {};
    let reject: (error: Error) => void = () => {};
    const promise = new Promise<InteractionCallback>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // Tests that never call callback() must not see an unhandled rejection.
    promise.catch(() => {});
    const state: InteractionState = {
      id: payload.id,
      token: payload.token,
      type: payload.type,
      payload,
      invoker,
      commandName,
      componentMessageId,
      dispatchedAt: Date.now(),
      dispatchedPerf: performance.now(),
      timeoutMs: this.#timeoutMs,
      callback: null,
      rejected: [],
      originalId: null,
      followUpIds: [],
      loading: false,
      modal: null,
      metadata,
      waiter: { promise, resolve, reject },
      timer: null,
      endpointAnswer: null,
      delivered: null,
    };
    const { gateway } = this.#options;
    const endpoint = this.#endpoint;
    if (!endpoint && gateway.liveSessions === 0) {
      throw new EmulatorUsageError('No gateway session; log the client in and wait for clientReady first');
    }
    this.#byId.set(state.id, state);
    this.#byToken.set(state.token, state);
    const guildId = invoker.guild?.id ?? null;
    state.dispatchedAt = Date.now();
    state.dispatchedPerf = performance.now();
    if (endpoint) this.#post(endpoint, state);
    // A session that is disconnected but resumable gets the event on RESUME, as on Discord.
    else gateway.dispatch('INTERACTION_CREATE', payload, (_intents, inShard) => inShard(guildId));
    const timeoutMs = state.timeoutMs;
    state.timer = setTimeout(() => {
      state.timer = null;
      if (state.callback) return;
      const what = commandName === null ? `type ${state.type}` : `/${commandName}`;
      state.waiter.reject(
        new Error(`Interaction ${state.id} (${what}) got no callback within ${timeoutMs} ms`),
      );
    }, timeoutMs + 50);
    state.timer.unref();
    return {
      id: state.id,
      token: state.token,
      callback: () => state.waiter.promise,
      record: () => this.#record(state),
    };
  }

  /**
   * Delivers an interaction to the bot's endpoint, signed; a 200 answer with JSON is its callback, taken
   * like one sent to the callback route (validated, within the deadline, only once).
   */
  #post(endpoint: InteractionsEndpoint, state: InteractionState): void {
    const fail = (error: unknown) =>
      state.waiter.reject(error instanceof Error ? error : new Error(String(error)));
    state.delivered = postSigned(endpoint, JSON.stringify(state.payload), state.timeoutMs).then((answer) => {
      state.endpointAnswer = answer;
      if (answer.status !== 200) {
        fail(
          new Error(
            `the interactions endpoint answered ${answer.status}: ${answer.body.trim().slice(0, 200)}`,
          ),
        );
        return;
      }
      let body: unknown;
      try {
        body = JSON.parse(answer.body);
      } catch {
        fail(new Error('the interactions endpoint answered 200 without JSON'));
        return;
      }
      try {
        this.callback(state.id, state.token, body, [], false).afterResponse?.();
      } catch (error) {
        fail(error);
      }
    }, fail);
  }

  // ---- test-facing: inspection ----------------------------------------------------------------

  record(id: string): InteractionRecord | undefined {
    const state = this.#byId.get(id);
    return state ? this.#record(state) : undefined;
  }

  #record(state: InteractionState): InteractionRecord {
    const { world } = this.#options;
    const original = state.originalId === null ? undefined : world.messages.get(state.originalId);
    return {
      id: state.id,
      token: state.token,
      type: state.type,
      payload: clone(state.payload),
      dispatchedAt: state.dispatchedAt,
      callback: state.callback ? clone(state.callback) : null,
      rejectedCallbacks: clone(state.rejected),
      endpointAnswer: state.endpointAnswer ? clone(state.endpointAnswer) : null,
      original: original ? emulatedMessage(original) : null,
      followUps: state.followUpIds
        .map((id) => world.messages.get(id))
        .filter((m): m is MessageState => m !== undefined)
        .map(emulatedMessage),
    };
  }

  // ---- REST-facing: POST /interactions/:id/:token/callback -----------------------------------

  callback(
    id: string,
    token: string,
    body: unknown,
    files: UploadedFile[],
    withResponse: boolean,
  ): RouteResult {
    const state = this.#byId.get(id);
    if (!state || state.token !== token) throw Errors.unknownInteraction();
    const elapsedMs = performance.now() - state.dispatchedPerf;
    const type = isRecord(body) && isInteger(body.type) ? body.type : -1;
    const reject = (error: ApiError): never => {
      state.rejected.push({ type, status: error.status, code: error.body.code ?? 0, elapsedMs });
      throw error;
    };
    if (state.callback) return reject(Errors.alreadyAcknowledged());
    if (elapsedMs > state.timeoutMs) return reject(Errors.unknownInteraction());
    if (!isRecord(body)) return reject(Errors.invalidJson());

    if (
      !(ALLOWED_CALLBACKS[state.type] ?? []).includes(type) ||
      (type >= 6 && type <= 7 && state.componentMessageId === null)
    ) {
      const errors = new FormErrors();
      errors.add(
        ['type'],
        'INTERACTION_RESPONSE_TYPE_INVALID',
        'Invalid interaction response type for this interaction',
      );
      return reject(
        new ApiError(400, { message: 'Invalid Form Body', code: 50035, errors: errors.toJSON() }),
      );
    }
    const data = body.data;
    const fileIndexes = new Set(files.map((f) => f.index));
    let message: MessageState | null = null;
    try {
      message = this.#applyCallback(state, type, data, files, fileIndexes);
    } catch (error) {
      if (error instanceof ApiError) return reject(error);
      throw error;
    }
    state.callback = {
      type: type as InteractionResponseType,
      data: isRecord(data) ? (clone(data) as InteractionCallbackData) : undefined,
      elapsedMs,
      at: Date.now(),
    };
    if (state.timer) clearTimeout(state.timer);
    state.timer = null;
    const recorded = clone(state.callback);
    const afterResponse = () => state.waiter.resolve(recorded);
    if (!withResponse) return { status: 204, afterResponse };
    return {
      status: 200,
      afterResponse,
      body: {
        interaction: {
          id: state.id,
          type: state.type,
          ...(message
            ? {
                response_message_id: message.message.id,
                response_message_loading: state.loading,
                response_message_ephemeral: message.ephemeral,
              }
            : {}),
        },
        resource: {
          type,
          ...(message && (type === 4 || type === 5 || type === 7) ? { message: clone(message.message) } : {}),
        },
      },
    };
  }

  /** Validates and performs one callback; returns the message it created or changed, if any. */
  #applyCallback(
    state: InteractionState,
    type: number,
    data: unknown,
    files: UploadedFile[],
    fileIndexes: ReadonlySet<number>,
  ): MessageState | null {
    const { world, events } = this.#options;
    switch (type) {
      case 4: {
        const input = validateMessage(data ?? {}, {
          mode: 'create',
          target: 'interaction',
          prefix: ['data'],
          fileIndexes,
        });
        const ephemeral = ((input.flags ?? 0) & MessageFlag.Ephemeral) !== 0;
        const created = this.#createResponse(state, input, files, ephemeral, false);
        state.originalId = created.message.id;
        events.created(created);
        return created;
      }
      case 5: {
        const flags = isRecord(data) && isInteger(data.flags) ? data.flags : 0;
        const created = this.#createResponse(state, {}, [], (flags & MessageFlag.Ephemeral) !== 0, true);
        state.originalId = created.message.id;
        state.loading = true;
        events.created(created);
        return created;
      }
      case 6:
        state.originalId = state.componentMessageId;
        return null;
      case 7: {
        const target =
          state.componentMessageId === null ? undefined : world.messages.get(state.componentMessageId);
        if (!target || target.deleted) throw Errors.unknownMessage();
        const input = validateMessage(data ?? {}, {
          mode: 'edit',
          target: 'interaction',
          prefix: ['data'],
          fileIndexes,
        });
        editMessage(world, target, input, files, this.#options.origin());
        state.originalId = target.message.id;
        events.updated(target);
        return target;
      }
      case 8:
        validateChoices(data);
        return null;
      case 9:
        state.modal = validateModal(data);
        return null;
      default:
        return null;
    }
  }

  #createResponse(
    state: InteractionState,
    input: MessageInput,
    files: readonly UploadedFile[],
    ephemeral: boolean,
    loading: boolean,
    followUp = false,
  ): MessageState {
    const { world } = this.#options;
    const legacy: APIMessageInteraction | null =
      state.commandName === null
        ? null
        : { id: state.id, type: state.type, name: state.commandName, user: clone(state.invoker.user) };
    const metadata =
      followUp && state.originalId !== null
        ? { ...state.metadata, original_response_message_id: state.originalId }
        : state.metadata;
    return createMessage(world, {
      channel: state.invoker.channel,
      input,
      files,
      author: world.bot,
      type: (state.type === 2 ? 20 : 0) as MessageType,
      ephemeral,
      loading,
      webhookId: world.applicationId,
      interaction: { id: state.id, metadata, legacy },
      origin: this.#options.origin(),
    });
  }

  // ---- REST-facing: /webhooks/:application_id/:token ------------------------------------------

  /**
   * The same, for an interaction delivered over HTTP once its endpoint's answer is in: the bot's response
   * and its first webhook call travel on different connections, and Discord has the response (it waited
   * for it) before the bot can call the webhook, so a call that overtakes it here waits for it.
   */
  async webhookAfterResponse(applicationId: string, token: string): Promise<InteractionState> {
    const state = this.webhook(applicationId, token);
    await state.delivered;
    return state;
  }

  /** The interaction behind an interaction webhook; Discord answers 401/404 like for a bad webhook. */
  webhook(applicationId: string, token: string): InteractionState {
    const state = this.#byToken.get(token);
    if (!state || Date.now() - state.dispatchedAt > TOKEN_TTL_MS) throw Errors.invalidWebhookToken();
    if (applicationId !== this.#options.world.applicationId) throw Errors.unknownWebhook();
    return state;
  }

  #message(state: InteractionState, messageId: string): MessageState {
    const id = messageId === '@original' ? state.originalId : messageId;
    if (id === null) throw Errors.unknownMessage();
    if (id !== state.originalId && !state.followUpIds.includes(id)) throw Errors.unknownMessage();
    const message = this.#options.world.messages.get(id);
    if (!message || message.deleted) throw Errors.unknownMessage();
    return message;
  }

  getMessage(state: InteractionState, messageId: string): APIMessage {
    return clone(this.#message(state, messageId).message);
  }

  editMessage(state: InteractionState, messageId: string, body: unknown, files: UploadedFile[]): APIMessage {
    const target = this.#message(state, messageId);
    const fileIndexes = new Set(files.map((f) => f.index));
    const input = validateMessage(body ?? {}, {
      mode: 'edit',
      target: 'interaction',
      prefix: [],
      fileIndexes,
    });
    editMessage(this.#options.world, target, input, files, this.#options.origin());
    if (target.message.id === state.originalId) state.loading = false;
    this.#options.events.updated(target);
    return clone(target.message);
  }

  deleteMessage(state: InteractionState, messageId: string): void {
    const target = this.#message(state, messageId);
    target.deleted = true;
    if (target.message.id === state.originalId) state.loading = false;
    this.#options.events.deleted(target);
  }

  /**
   * POST /webhooks/:app/:token. Needs an acknowledged interaction. The first follow-up after a
   * deferred reply (type 5) replaces the "thinking…" placeholder, keeping the defer's ephemerality.
   */
  followUp(state: InteractionState, body: unknown, files: UploadedFile[]): APIMessage {
    if (!state.callback) throw Errors.unknownWebhook();
    const fileIndexes = new Set(files.map((f) => f.index));
    const input = validateMessage(body ?? {}, {
      mode: 'create',
      target: 'interaction',
      prefix: [],
      fileIndexes,
    });
    const { world, events } = this.#options;
    const original = state.originalId === null ? undefined : world.messages.get(state.originalId);
    if (state.loading && original && !original.deleted) {
      editMessage(world, original, input, files, this.#options.origin());
      state.loading = false;
      events.updated(original);
      return clone(original.message);
    }
    const ephemeral = ((input.flags ?? 0) & MessageFlag.Ephemeral) !== 0;
    const created = this.#createResponse(state, input, files, ephemeral, false, true);
    state.followUpIds.push(created.message.id);
    events.created(created);
    return clone(created.message);
  }

  close(): void {
    for (const state of this.#byId.values()) {
      if (state.timer) clearTimeout(state.timer);
      state.timer = null;
    }
  }
}

function owners(
  invoker: Invoker,
): APIApplicationCommandInteractionMetadata['authorizing_integration_owners'] {
  return { '0': invoker.guild ? invoker.guild.id : '0' };
}

function commandMetadata(id: string, invoker: Invoker): APIApplicationCommandInteractionMetadata {
  return { id, type: 2, user: clone(invoker.user), authorizing_integration_owners: owners(invoker) };
}
