// Telegram-style URL checks: normalises text-link and button URLs the way TDLib's check_url does.

export type UrlCheck =
  | { ok: true; url: string }
  | { ok: false; reason: 'Unsupported URL protocol' | 'Wrong HTTP URL' };

/** `scheme:` not followed by a digit (so `host:8080` is a port, not a scheme). */
const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):(?!\d)/;
const NON_HTTP_SCHEMES = new Set(['tg', 'ton', 'tonsite']);

/**
 * Accepts http(s) URLs (a missing scheme means http), tg://, ton:// and tonsite:// links.
 * Returns the normalised URL: lower-case scheme and host, and a `/` path when the URL has none.
 */
export function checkUrl(raw: string): UrlCheck {
  if (raw.length === 0 || /\s/.test(raw)) return { ok: false, reason: 'Wrong HTTP URL' };
  const schemeMatch = SCHEME.exec(raw);
  const scheme = schemeMatch?.[1]?.toLowerCase() ?? 'http';
  let rest = schemeMatch ? raw.slice(schemeMatch[0].length) : raw;
  if (NON_HTTP_SCHEMES.has(scheme)) {
    if (!rest.startsWith('//') || rest.length === 2) return { ok: false, reason: 'Wrong HTTP URL' };
    return { ok: true, url: `${scheme}:${rest}` };
  }
  if (scheme !== 'http' && scheme !== 'https') return { ok: false, reason: 'Unsupported URL protocol' };
  if (rest.startsWith('//')) rest = rest.slice(2);
  const authorityEnd = rest.search(/[/?#]/);
  const authority = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd);
  const remainder = authorityEnd === -1 ? '' : rest.slice(authorityEnd);
  let parsed: URL;
  try {
    parsed = new URL(`http://${authority}`);
  } catch {
    return { ok: false, reason: 'Wrong HTTP URL' };
  }
  if (parsed.hostname === '' || parsed.username !== '' || parsed.password !== '') {
    return { ok: false, reason: 'Wrong HTTP URL' };
  }
  const port = parsed.port === '' ? '' : `:${parsed.port}`;
  const path = remainder.startsWith('/') ? remainder : `/${remainder}`;
  return { ok: true, url: `${scheme}://${parsed.hostname}${port}${path}` };
}
