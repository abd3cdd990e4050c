// Which person an account belongs to: its linked accounts, first account first. Cached per instance;
// a link or unlink anywhere drops the entries it touches (the links port announces it to every instance).
import type { Clock } from '../clock.ts';
import type { AccountKey, LinksPort } from '../ports.ts';
import { type Account, type PersonLink, sameAccount } from '../records/link.ts';
import type { Platform } from '../records/platform.ts';

/** A backstop: an announcement lost on the way (Redis briefly down) is outlived by this. */
const CACHE_MS = 60_000;
/** Accounts remembered at most (the oldest entry goes first). */
const CACHE_SIZE = 50_000;

export interface Person {
  /** The account whose records hold the person's profile and review cards. */
  first: AccountKey;
  /** Every linked account, the first included; one account alone when not linked. */
  accounts: readonly (AccountKey & Partial<Pick<Account, 'name'>>)[];
}

const keyOf = (platform: Platform, userId: string) => `${platform}\u0000${userId}`;

/** The person a link record says; a record that does not name the account (a torn write) is no link. */
function personOf(platform: Platform, userId: string, link: PersonLink | undefined): Person {
  const self = { platform, userId };
  const first = link?.accounts[0];
  if (!link || !first || !link.accounts.some((account) => sameAccount(account, self)))
    return { first: self, accounts: [self] };
  return { first, accounts: link.accounts };
}

export class PersonResolver {
  readonly #cache = new Map<string, { person: Person; until: number }>();
  /** Bumped by every change: a read that started before it must not fill the cache. */
  #generation = 0;
  readonly #listeners: (() => void)[] = [];

  constructor(
    private readonly links: LinksPort,
    private readonly clock: Clock,
  ) {
    links.onChange((accounts) => this.forget(accounts));
  }

  async of(platform: Platform, userId: string): Promise<Person> {
    const [person] = await this.ofMany(platform, [userId]);
    return person ?? { first: { platform, userId }, accounts: [{ platform, userId }] };
  }

  /** Several accounts of one platform, in the order asked, with one read for all not cached here. */
  async ofMany(platform: Platform, userIds: readonly string[]): Promise<Person[]> {
    const now = this.clock.now();
    const known = (userId: string) => {
      const cached = this.#cache.get(keyOf(platform, userId));
      return cached && cached.until > now ? cached.person : undefined;
    };
    const missing = [...new Set(userIds.filter((userId) => known(userId) === undefined))];
    const found = new Map<string, Person>();
    if (missing.length > 0) {
      const generation = this.#generation;
      const links = await this.links.getMany(platform, missing);
      missing.forEach((userId, index) => {
        const person = personOf(platform, userId, links[index]);
        found.set(userId, person);
        if (generation === this.#generation) this.#remember(keyOf(platform, userId), person, now);
      });
    }
    return userIds.map(
      (userId) => found.get(userId) ?? known(userId) ?? personOf(platform, userId, undefined),
    );
  }

  #remember(key: string, person: Person, now: number): void {
    this.#cache.delete(key);
    this.#cache.set(key, { person, until: now + CACHE_MS });
    if (this.#cache.size > CACHE_SIZE) {
      const oldest = this.#cache.keys().next().value;
      if (oldest !== undefined) this.#cache.delete(oldest);
    }
  }

  /** Drops what is known about these accounts (their links changed here or on another instance). */
  forget(accounts: readonly AccountKey[]): void {
    this.#generation += 1;
    for (const account of accounts) this.#cache.delete(keyOf(account.platform, account.userId));
    for (const listener of this.#listeners) listener();
  }

  /** Runs after every change of links (caches derived from persons drop their entries). */
  onForget(listener: () => void): void {
    this.#listeners.push(listener);
  }
}
