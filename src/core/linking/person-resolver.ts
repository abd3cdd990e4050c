// Which person an account belongs to: its linked accounts, first account first. Cached per instance;
// a link or unlink anywhere drops the entries it touches (the links port announces it to every instance).
import type { Clock } from '../clock.ts';
import { type Account, sameAccount } from '../model/link.ts';
import type { AccountKey, LinksPort } from '../ports.ts';
import type { Platform } from '../records.ts';

/** A backstop: an announcement lost on the way (Redis briefly down) is outlived by this. */
const CACHE_MS = 60_000;

export interface Person {
  /** The account whose records hold the person's profile and review cards. */
  first: AccountKey;
  /** Every linked account, the first included; one account alone when not linked. */
  accounts: readonly (AccountKey & Partial<Pick<Account, 'name'>>)[];
}

const keyOf = (platform: Platform, userId: string) => `${platform}\u0000${userId}`;

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
    const key = keyOf(platform, userId);
    const cached = this.#cache.get(key);
    if (cached && cached.until > this.clock.now()) return cached.person;
    const generation = this.#generation;
    const link = await this.links.get(platform, userId);
    const self = { platform, userId };
    // A record that does not name the account (a torn write) is read as no link.
    const person: Person =
      link?.accounts.some((account) => sameAccount(account, self)) && link.accounts[0]
        ? { first: link.accounts[0], accounts: link.accounts }
        : { first: self, accounts: [self] };
    if (generation === this.#generation) this.#cache.set(key, { person, until: this.clock.now() + CACHE_MS });
    return person;
  }

  /** Several accounts of one platform, in the order asked. */
  ofMany(platform: Platform, userIds: readonly string[]): Promise<Person[]> {
    return Promise.all(userIds.map((userId) => this.of(platform, userId)));
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
