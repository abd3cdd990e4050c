// The kinds of scheduled post, checked together when the list is built; the scheduler composes, the
// outbox sends and /subscribe offers through it, so none of them names a kind.
import { LOCALES } from '../../i18n/locales.ts';
import { hasMessage, translate } from '../../i18n/translate.ts';
import { because } from '../records/reason.ts';
import type {
  ComposeContext,
  Composed,
  Delivered,
  PostKind,
  SendContext,
  SendOutcome,
} from './define-post-kind.ts';
import { kindLabel } from './define-post-kind.ts';

/** `Quiz des Tages`, `quiz_des-tages.` → `quiz des tages`: how typed words for a kind are compared. */
const foldWord = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/[\s_-]+/g, ' ');

export class PostKinds {
  readonly #byName = new Map<string, PostKind>();
  /** Names and aliases → kind. */
  readonly #byWord = new Map<string, PostKind>();
  /** Payload kind → the kind whose send step sends it. */
  readonly #senders = new Map<string, PostKind>();
  /** Words of every language the bot speaks → kind (titles and `typed` words), made on first use. */
  #byLocalWord: Map<string, PostKind> | undefined;

  /** Throws, naming every problem at once, when names, aliases or payloads clash. */
  constructor(readonly all: readonly PostKind[]) {
    const problems: string[] = [];
    for (const kind of all) {
      if (this.#byName.has(kind.name)) problems.push(`${kind.name} is defined twice`);
      this.#byName.set(kind.name, kind);
    }
    for (const kind of all) {
      for (const alias of kind.aliases) {
        const named = this.#byName.get(alias);
        const taken = this.#byWord.get(alias);
        if (named) problems.push(`alias "${alias}" of ${kind.name} is the name of ${named.name}`);
        else if (taken) problems.push(`alias "${alias}" belongs to both ${taken.name} and ${kind.name}`);
        else this.#byWord.set(alias, kind);
      }
      this.#byWord.set(kind.name, kind);
      if (!kind.send) continue;
      const owner = this.#senders.get(kind.send.payload);
      if (owner) problems.push(`${owner.name} and ${kind.name} both send a "${kind.send.payload}" payload`);
      else this.#senders.set(kind.send.payload, kind);
    }
    if (!all.some((kind) => kind.audience === 'chat'))
      problems.push('no chat kind: /subscribe would offer nothing');
    if (problems.length > 0) throw new Error(`post kinds: ${problems.join('; ')}`);
  }

  get(name: string): PostKind | undefined {
    return this.#byName.get(name);
  }

  /** What a chat's admins can subscribe to, in list order. */
  forChats(): PostKind[] {
    return this.all.filter((kind) => kind.audience === 'chat');
  }

  /**
   * `recap`, `Daily_Brief`, `Wochenrückblick`, `每日一测` → that kind; undefined for a word no kind
   * answers to. Names and aliases are English; a kind's title and its `typed` words count in every language.
   */
  spell(typed: string): PostKind | undefined {
    const named = this.#byWord.get(
      typed
        .trim()
        .toLowerCase()
        .replace(/[\s_]+/g, '-'),
    );
    return named ?? this.#localWords().get(foldWord(typed));
  }

  #localWords(): Map<string, PostKind> {
    if (this.#byLocalWord) return this.#byLocalWord;
    const words = new Map<string, PostKind>();
    for (const kind of this.all) {
      for (const locale of LOCALES) {
        const typedId = `post-kind-${kind.name}-typed`;
        const typedWords = hasMessage(typedId) ? translate(locale, typedId).split(/[,，、]/) : [];
        const title = hasMessage(`post-kind-${kind.name}-title`)
          ? translate(locale, `post-kind-${kind.name}-title`)
          : kind.labels.title;
        for (const word of [title, ...typedWords].map(foldWord)) {
          // A word two kinds share stays with the first that has it.
          if (word !== '' && !words.has(word)) words.set(word, kind);
        }
      }
    }
    this.#byLocalWord = words;
    return words;
  }

  /** What posts and replies call a kind; a name this version does not define is shown as it is. */
  titleOf(name: string): string {
    const kind = this.get(name);
    return kind ? kindLabel(kind.name, kind.labels, 'title') : name;
  }

  /** A due run, composed by its kind. */
  compose(ctx: ComposeContext): Promise<Composed> {
    const kind = this.get(ctx.subscription.kind);
    if (!kind) {
      return Promise.resolve({
        kind: 'skip',
        reason: because('post-skip-unknown-kind', { kind: ctx.subscription.kind }),
      });
    }
    return kind.compose(ctx);
  }

  /** Sends an outbox item: a message as it is; another payload by the send step of the kind that owns it. */
  send<R extends Delivered>(ctx: SendContext<R>): Promise<SendOutcome<R>> {
    const { payload } = ctx.item;
    if (payload.kind === 'message') return ctx.deliver({ target: { to: 'chat' }, message: payload.message });
    const step = this.#senders.get(payload.kind)?.send;
    if (!step) {
      return Promise.resolve({
        ok: false,
        kind: 'skip',
        reason: because('post-skip-unknown-payload', { payload: payload.kind }),
      });
    }
    return step.send({ ...ctx, item: { ...ctx.item, payload } });
  }
}
