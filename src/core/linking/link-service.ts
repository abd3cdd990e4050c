// Linking one person's accounts on several platforms: one-time codes, the merge of two histories, unlink.

import { randomInt } from 'node:crypto';
import { t } from '../../i18n/current-locale.ts';
import type { Actor } from '../actor.ts';
import type { Clock } from '../clock.ts';
import { notice, type Response, reply } from '../output.ts';
import { NEUTRAL_WORDING } from '../platform-wording.ts';
import type {
  AccountKey,
  LinkChange,
  LinksPort,
  Mutation,
  ProfilesPort,
  ReviewCardsPort,
  ScoresPort,
} from '../ports.ts';
import {
  type Account,
  type LimitState,
  type LinkCode,
  linkToken,
  type PersonLink,
  sameAccount,
} from '../records/link.ts';
import type { Profile } from '../records/profile.ts';
import type { UserCards } from '../records/review-card.ts';
import { USER_ERRORS, UserError } from '../user-error.ts';
import {
  CODE_ALPHABET,
  CODE_LENGTH,
  CODE_TTL_MS,
  codeDigest,
  MAX_CODES_GLOBAL,
  MAX_WRONG_GLOBAL,
  MAX_WRONG_PER_ACCOUNT,
  newCode,
  normalizeCode,
  sameDigest,
  showCode,
} from './link-code.ts';
import type { PersonResolver } from './person-resolver.ts';
import {
  accountName,
  codeMessage,
  linkedMessage,
  platformName,
  unlinkedMessage,
  unlinkPrompt,
} from './present-link.ts';

/** Completion days kept in a profile (as progress-service keeps them). */
const KEEP_COMPLETIONS = 14;
const WELL_FORMED = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);

export interface LinkDeps {
  links: LinksPort;
  /** The per-account records (not resolved to persons): what a link merges. */
  profiles: ProfilesPort;
  cards: ReviewCardsPort;
  scores: ScoresPort;
  resolver: PersonResolver;
  /** Applies answers recorded but not yet counted, so a merge or split sees every answer. */
  settle(): Promise<void>;
  clock: Clock;
  /** An integer in [0, bound) from a CSPRNG. */
  randomInt?: (bound: number) => number;
}

/** Two profiles as one: the issuer's time zone and rest days (else the other's), read articles and completions of both. */
export function mergeProfiles(issuer: Profile | undefined, other: Profile | undefined): Profile | undefined {
  if (!issuer || !other) return issuer ?? other;
  return {
    ...issuer,
    timezone: issuer.timezone ?? other.timezone,
    restDays: issuer.restDays.length > 0 ? issuer.restDays : other.restDays,
    articlesRead: [...new Set([...issuer.articlesRead, ...other.articlesRead])],
    completedDays: [...new Set([...issuer.completedDays, ...other.completedDays])]
      .sort()
      .slice(-KEEP_COMPLETIONS),
  };
}

/** Two card sets as one: every card of both; a card both have keeps the earlier due date, and both answer lists. */
export function mergeCards(a: UserCards | undefined, b: UserCards | undefined): UserCards | undefined {
  if (!a || !b) return a ?? b;
  const cards = { ...a.cards };
  for (const [id, card] of Object.entries(b.cards)) {
    const mine = cards[id];
    if (!mine) {
      cards[id] = card;
      continue;
    }
    const earlier = card.fsrs.due < mine.fsrs.due ? card : mine;
    cards[id] = { ...earlier, answers: [...new Set([...mine.answers, ...card.answers])] };
  }
  return { v: 1, cards };
}

const codeError = (text: string) => new UserError(USER_ERRORS.badLinkCode, text);
const refused = (text: string) => new UserError(USER_ERRORS.linkRefused, text);

/** Said for an Unlink button of a link that is no longer the accounts' link (or a forged one). */
const stalePrompt = () => t('unlink-stale');
/** Tries of a link whose records moved between reading the code and locking them (a racing link). */
const MAX_LINK_TRIES = 10;
const LINK_ID_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
const LINK_ID_LENGTH = 10;

/** How a redeemed code ended. */
type LinkOutcome =
  | { kind: 'wrong' }
  | { kind: 'expired' }
  | { kind: 'refused'; problem: string }
  | { kind: 'linked'; accounts: Account[]; issuer: Account };

const newLinkId = (random: (bound: number) => number) =>
  Array.from({ length: LINK_ID_LENGTH }, () => LINK_ID_ALPHABET[random(LINK_ID_ALPHABET.length)]).join('');

const uniqueAccounts = <T extends AccountKey>(accounts: readonly T[]): T[] =>
  accounts.filter((account, index) => accounts.findIndex((other) => sameAccount(other, account)) === index);

/** Whether two reads of a link record are the same link. */
const sameLink = (a: PersonLink | undefined, b: PersonLink | undefined) =>
  a === undefined || b === undefined ? a === b : linkToken(a) === linkToken(b);

/** Why the issuer's account and mine cannot be linked, given their link records, if they cannot. */
function linkProblem(
  issuer: Account,
  me: Account,
  /** Where else the actor can type the code, in their platform's words. */
  elsewhere: string,
  theirs: PersonLink | undefined,
  mine: PersonLink | undefined,
): string | undefined {
  if (sameAccount(issuer, me)) return t('link-own-code', { elsewhere });
  if (issuer.platform === me.platform)
    return t('link-same-platform', { platform: platformName(me.platform) });
  if (mine?.accounts.some((account) => sameAccount(account, issuer))) return t('link-already');
  if (mine) {
    return `This account is linked with ${mine.accounts
      .filter((account) => !sameAccount(account, me))
      .map(accountName)
      .join(' and ')} already. Unlink it first with /unlink.`;
  }
  const taken = theirs?.accounts.find((account) => account.platform === me.platform);
  if (taken) {
    return t('link-issuer-taken', { account: accountName(taken) });
  }
  return undefined;
}

export class LinkService {
  constructor(private readonly deps: LinkDeps) {}

  /** The fixed window (of CODE_TTL_MS) that global limits count in. */
  #window(now: number): number {
    return Math.floor(now / CODE_TTL_MS);
  }

  /** Counts one event in a global fixed window; false when the window is full. */
  #countGlobal(name: string, max: number, now: number): Promise<boolean> {
    return this.deps.links.updateLimit(
      `${name}:${this.#window(now)}`,
      (state): Mutation<LimitState, boolean> => {
        const count = state?.count ?? 0;
        if (count >= max) return { result: false };
        return { next: { v: 1, at: [], count: count + 1 }, result: true };
      },
      2 * CODE_TTL_MS,
    );
  }

  /** /link: a new code for the actor (replacing any earlier one), shown only to them. */
  async issue(actor: Actor): Promise<Response> {
    const now = this.deps.clock.now();
    if (!(await this.#countGlobal('codes', MAX_CODES_GLOBAL, now))) {
      throw new UserError(USER_ERRORS.linkLimit, t('link-too-many-codes'));
    }
    const code = newCode(this.deps.randomInt ?? randomInt);
    const record: LinkCode = {
      v: 1,
      digest: codeDigest(code),
      issuer: { platform: actor.platform, userId: actor.userId, name: actor.name },
      expiresAt: now + CODE_TTL_MS,
    };
    await this.deps.links.putCode(record, CODE_TTL_MS);
    const elsewhere = t((actor.wording ?? NEUTRAL_WORDING).linkElsewhere);
    return reply(codeMessage(elsewhere, showCode(code), CODE_TTL_MS / 60_000), { to: 'private' });
  }

  /**
   * Takes one attempt from the account's budget (and the global one) before any code is looked at;
   * says which is spent. A right code gives the attempt back.
   */
  async #reserveAttempt(actor: Actor, now: number): Promise<'ok' | 'account' | 'everyone'> {
    const mine = await this.deps.links.updateLimit(
      `wrong:${actor.platform}:${actor.userId}`,
      (state): Mutation<LimitState, boolean> => {
        const recent = (state?.at ?? []).filter((at) => at > now - CODE_TTL_MS);
        if (recent.length >= MAX_WRONG_PER_ACCOUNT) return { result: false };
        return { next: { v: 1, at: [...recent, now], count: 0 }, result: true };
      },
      CODE_TTL_MS,
    );
    if (!mine) return 'account';
    if (await this.#countGlobal('tries', MAX_WRONG_GLOBAL, now)) return 'ok';
    await this.#releaseAttempt(actor, now);
    return 'everyone';
  }

  async #releaseAttempt(actor: Actor, at: number): Promise<void> {
    await this.deps.links.updateLimit(
      `wrong:${actor.platform}:${actor.userId}`,
      (state): Mutation<LimitState, undefined> => {
        if (!state?.at.includes(at)) return { result: undefined };
        const index = state.at.indexOf(at);
        return { next: { ...state, at: state.at.filter((_, i) => i !== index) }, result: undefined };
      },
      CODE_TTL_MS,
    );
  }

  async #attemptsLeft(actor: Actor, now: number): Promise<number> {
    return this.deps.links.updateLimit(
      `wrong:${actor.platform}:${actor.userId}`,
      (state): Mutation<LimitState, number> => ({
        result: MAX_WRONG_PER_ACCOUNT - (state?.at ?? []).filter((at) => at > now - CODE_TTL_MS).length,
      }),
      CODE_TTL_MS,
    );
  }

  /** /link CODE: links the actor's account with the code's issuer, merging their histories. */
  async redeem(actor: Actor, typed: string): Promise<Response> {
    const now = this.deps.clock.now();
    const reserved = await this.#reserveAttempt(actor, now);
    if (reserved === 'account') {
      throw new UserError(USER_ERRORS.linkLimit, t('link-too-many-tries', { max: MAX_WRONG_PER_ACCOUNT }));
    }
    if (reserved === 'everyone') {
      throw new UserError(USER_ERRORS.linkLimit, t('link-paused'));
    }
    const code = normalizeCode(typed);
    const digest = codeDigest(code);
    const wrong = async () => {
      const left = await this.#attemptsLeft(actor, now);
      return codeError(t('link-wrong-code', { left }));
    };
    if (!WELL_FORMED.test(code)) throw await wrong();
    if (actor.inputSeenByOthers) {
      // Others in the chat read it too: whoever it was meant for, it must not work for any of them.
      const taken = await this.deps.links.takeCode(digest);
      if (!taken || !sameDigest(taken.digest, digest)) throw await wrong();
      await this.#releaseAttempt(actor, now);
      throw codeError(t('link-code-seen', { place: t((actor.wording ?? NEUTRAL_WORDING).privatePlace) }));
    }
    await this.deps.settle();
    const outcome = await this.#link(digest, actor, now);
    if (outcome.kind === 'wrong') throw await wrong();
    // A real code: whatever happens next, this attempt was no guess.
    await this.#releaseAttempt(actor, now);
    if (outcome.kind === 'expired') {
      throw codeError(t('link-expired'));
    }
    if (outcome.kind === 'refused') throw refused(outcome.problem);
    const { accounts, issuer } = outcome;
    await this.#changed(accounts);
    // The issuer's notice was queued in the same change as the link.
    return reply(linkedMessage(accounts, issuer), { to: 'private' });
  }

  /**
   * Takes the code and links, in one change of the store: the code, every account's link record, and
   * the redeemer's profile and cards moved into the person's first account. Which records that is
   * depends on the code's issuer and their link, read first; if they changed before the change took its
   * locks, it looks again.
   */
  async #link(digest: string, actor: Actor, now: number): Promise<LinkOutcome> {
    const me: Account = { platform: actor.platform, userId: actor.userId, name: actor.name };
    for (let tries = 0; tries < MAX_LINK_TRIES; tries++) {
      const code = await this.deps.links.getCode(digest);
      if (!code) return { kind: 'wrong' };
      const { issuer } = code;
      const seen = await this.deps.links.get(issuer.platform, issuer.userId);
      const scope = uniqueAccounts([issuer, ...(seen?.accounts ?? []), me]);
      const mineAt = scope.findIndex((account) => sameAccount(account, me));
      const first = seen?.accounts[0] ?? issuer;
      const id = newLinkId(this.deps.randomInt ?? randomInt);
      const notice = `link:${digest.slice(0, 24)}`;
      const outcome = await this.deps.links.change(
        { code: digest, links: scope, histories: [first, me], notice },
        (records): LinkChange<LinkOutcome | { kind: 'moved' }> => {
          const stored = records.code;
          if (!stored || !sameDigest(stored.digest, digest)) return { result: { kind: 'wrong' } };
          if (stored.expiresAt <= now) return { code: null, result: { kind: 'expired' } };
          const theirs = records.links[0];
          if (!sameAccount(stored.issuer, issuer) || !sameLink(theirs, seen))
            return { result: { kind: 'moved' } };
          const elsewhere = t((actor.wording ?? NEUTRAL_WORDING).linkElsewhere);
          const problem = linkProblem(issuer, me, elsewhere, theirs, records.links[mineAt]);
          if (problem) return { result: { kind: 'refused', problem } };
          const accounts = [...(theirs?.accounts ?? [issuer]), me];
          const link: PersonLink = { v: 1, id, accounts, linkedAt: now };
          const [firstProfile, myProfile] = records.profiles;
          const [firstCards, myCards] = records.cards;
          return {
            code: null,
            links: records.links.map(() => link),
            // Totals and days stay with each account and are added up on read; profile and cards move.
            profiles: [mergeProfiles(firstProfile, myProfile), myProfile ? null : undefined],
            cards: [mergeCards(firstCards, myCards), myCards ? null : undefined],
            // The issuer hears of it privately, once, from whichever instance drains the outbox.
            notice: {
              id: notice,
              to: stored.issuer,
              message: linkedMessage(accounts, stored.issuer),
              at: now,
            },
            result: { kind: 'linked', accounts, issuer: stored.issuer },
          };
        },
      );
      if (outcome.kind !== 'moved') return outcome;
    }
    throw new Error('the link records of this code kept changing');
  }

  async #changed(accounts: readonly AccountKey[]): Promise<void> {
    this.deps.resolver.forget(accounts);
    await this.deps.links.announce(accounts);
  }

  /** The actor's linked accounts, first account first; just the actor when not linked. */
  async accounts(actor: Actor): Promise<Account[]> {
    const link = await this.deps.links.get(actor.platform, actor.userId);
    return link?.accounts ?? [{ platform: actor.platform, userId: actor.userId, name: actor.name }];
  }

  /** /unlink: what unlinking does, with a button to confirm that names this link. */
  async confirmUnlink(actor: Actor): Promise<Response> {
    const link = await this.deps.links.get(actor.platform, actor.userId);
    if (!link) throw new UserError(USER_ERRORS.notLinked, t('unlink-not-linked'));
    return reply(unlinkPrompt(link.accounts, linkToken(link)), { to: 'private' });
  }

  /**
   * The confirmed unlink of the link the prompt was shown for: every account but the first leaves, its
   * totals and days moved to the first. The history moves before the link records go, so a crash in
   * between leaves the accounts linked with the same totals (the person sees nothing change, and
   * pressing again finishes it); the link records go in one change.
   */
  async unlink(actor: Actor, token: string | undefined): Promise<Response> {
    const link = await this.deps.links.get(actor.platform, actor.userId);
    const [first, ...others] = link?.accounts ?? [];
    if (!link || !first) return notice(t('unlink-gone'), 'info');
    if (token !== linkToken(link)) return notice(stalePrompt(), 'error');
    await this.deps.settle();
    for (const other of others) await this.deps.scores.moveHistory(other, first);
    const selfAt = link.accounts.findIndex((account) => sameAccount(account, actor));
    const removed = await this.deps.links.change({ links: link.accounts }, (records) => {
      const own = records.links[selfAt];
      if (!own || linkToken(own) !== token) return { result: false };
      return {
        links: records.links.map((found) => (found && linkToken(found) === token ? null : undefined)),
        result: true,
      };
    });
    if (!removed) return notice(t('unlink-gone'), 'info');
    await this.#changed(link.accounts);
    return reply(unlinkedMessage(first, others), { to: 'update' });
  }
}
