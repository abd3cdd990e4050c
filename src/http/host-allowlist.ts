// Which Host headers a server on this machine answers. A page on another site can point its own name
// at 127.0.0.1 (DNS rebinding) and read a local server as if it were its own; the browser still sends
// that site's name as Host, so a server that answers only its own names cannot be read that way.
import { isIP } from 'node:net';

/** What a server that refused a request's Host says, and the status it uses (421 Misdirected Request). */
export const MISDIRECTED = 421;

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

/** An address only this machine can reach. */
export function isLoopback(address: string): boolean {
  const host = normalHost(address);
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Lower case, without the brackets of an IPv6 address or a trailing dot. */
function normalHost(host: string): string {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  return bare.toLowerCase().replace(/\.$/, '');
}

/** A Host header's name and port (80 when it names none); undefined when it is not a host[:port]. */
export function parseHostHeader(header: string): { host: string; port: number } | undefined {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^[\]:/\s@]+)(?::(\d{1,5}))?$/.exec(header.trim());
  if (!match) return undefined;
  const [, host = '', port] = match;
  return { host: normalHost(host), port: port === undefined ? 80 : Number(port) };
}

export interface HostAllowlist {
  /** Whether a request with this Host header is answered. */
  allows(header: string | undefined): boolean;
  /** The names answered, for the refusal message (e.g. `localhost, 127.0.0.1 or [::1]`). */
  names: string;
}

/**
 * Loopback names, the address the server is bound to and `extraNames`, each on the server's port.
 * A request without a Host header (HTTP/1.0, a hand-made one) names nothing and is refused.
 */
export function hostAllowlist(
  boundAddress: string,
  port: number,
  extraNames: readonly string[] = [],
): HostAllowlist {
  const bound = normalHost(boundAddress);
  const wildcard = bound === '0.0.0.0' || bound === '::';
  const names = new Set([...LOOPBACK_NAMES, ...(wildcard ? [] : [bound]), ...extraNames.map(normalHost)]);
  const shown = [...names].map((name) => (isIP(name) === 6 ? `[${name}]` : name));
  return {
    allows: (header) => {
      const parsed = header === undefined ? undefined : parseHostHeader(header);
      return parsed !== undefined && parsed.port === port && names.has(parsed.host);
    },
    names: `${shown.slice(0, -1).join(', ')} or ${shown.at(-1)}`,
  };
}
