// Why the store could not be opened at start, in words an operator can act on (STORE_URL named, secrets masked).

export class StoreOpenError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreOpenError';
  }
}

/** The URL as it may be shown: a password in it is masked. */
export function shownUrl(url: string): string {
  return url.replace(
    /^(\w+:\/\/)([^@/]*):([^@/]*)@/,
    (_, scheme: string, user: string) => `${scheme}${user}:***@`,
  );
}
