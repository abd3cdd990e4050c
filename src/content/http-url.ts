// The one check for http(s) URLs: any for API servers, public ones for what readers see (what Telegram
// buttons and Discord embeds both accept).
import { z } from 'zod';

/** Discord: a link button's URL is at most 512 characters (embed URLs allow 2,048). */
export const MAX_LINK_URL = 512;
/** Discord: embed image and title URLs are at most 2,048 characters. */
export const MAX_IMAGE_URL = 2048;

const EXAMPLE = 'https://example.org/story';
const SCHEME = /^https?:\/\//i;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Characters a URL may not carry unencoded (RFC 3986); Telegram and Discord refuse or mangle them. */
const UNSAFE = /[<>"\\^`{|}]/;
const PRIVATE_IPV4 = [/^0\./, /^10\./, /^127\./, /^169\.254\./, /^172\.(1[6-9]|2\d|3[01])\./, /^192\.168\./];
const LOCAL_NAMES = /(^|\.)(localhost|local|internal|home\.arpa)$/i;

/**
 * Whether `value` is an http(s) URL at all. Enough for addresses of API servers, which may well be
 * local; links shown to readers must pass httpUrlProblem too.
 */
export function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** What is wrong with `value` as a public http(s) link, or undefined when it is fine. */
export function httpUrlProblem(value: string, max: number): string | undefined {
  if (value.length > max) return `must be at most ${max} characters`;
  if (/\s/.test(value)) return 'contains a space or a line break; write a space as %20';
  if (CONTROL.test(value)) return 'contains a control character; remove it';
  if (!SCHEME.test(value)) return `expected an http(s) URL starting with https://, such as ${EXAMPLE}`;
  const unsafe = UNSAFE.exec(value)?.[0];
  if (unsafe)
    return `contains "${unsafe}", which a link cannot carry as is; write it as ${encodeURIComponent(unsafe)}`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `is not a well-formed URL; expected a link such as ${EXAMPLE}`;
  }
  if (url.username !== '' || url.password !== '') {
    return 'contains a user name or password before "@"; remove them, the link is shown to everyone';
  }
  const host = url.hostname;
  if (host.startsWith('[')) return `has an IPv6 address as its host; use a host name such as example.org`;
  if (/^[\d.]+$/.test(host)) {
    return PRIVATE_IPV4.some((range) => range.test(host))
      ? `points to the private address ${host}; use a public host name such as example.org`
      : undefined;
  }
  if (LOCAL_NAMES.test(host)) return `points to "${host}", which only exists locally; use a public host name`;
  if (!host.includes('.') || /^\d+$/.test(host.split('.').at(-1) ?? '')) {
    return `has "${host}" as its host; expected a public host name with a dot, such as example.org`;
  }
  return undefined;
}

/** A zod string that must be a public http(s) link of at most `max` characters. */
export const httpUrl = (max: number) =>
  z.string({ error: `expected an http(s) URL such as ${EXAMPLE}` }).superRefine((value, ctx) => {
    const problem = httpUrlProblem(value, max);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
