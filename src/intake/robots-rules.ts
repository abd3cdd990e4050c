// Honours robots.txt (RFC 9309) before intake fetches a URL: one read per origin per run.
import robotsModule from 'robots-parser';
import type { HostileFetcher } from './hostile-fetch.ts';
import { MAX_ROBOTS_BYTES, ROBOTS_DEADLINE_MS } from './intake-limits.ts';
import { ROBOTS_TOKEN } from './user-agent.ts';

export type RobotsVerdict = { allowed: true } | { allowed: false; reason: string };

export interface RobotsRules {
  /** Whether newsquiz may fetch `url`; `trustedHost` as for the fetch itself. */
  check(url: string, trustedHost?: string): Promise<RobotsVerdict>;
}

// robots-parser is CommonJS whose types declare an ES default export: at run time the import is the function.
const robotsParser = robotsModule as unknown as typeof robotsModule.default;

type OriginRules =
  | { kind: 'refused'; reason: string }
  | { kind: 'parsed'; isAllowed: (url: string) => boolean }
  | { kind: 'all' }
  | { kind: 'none'; why: string };

export function createRobotsRules(fetcher: HostileFetcher): RobotsRules {
  const origins = new Map<string, Promise<OriginRules>>();

  const read = async (origin: string, trustedHost: string | undefined): Promise<OriginRules> => {
    const robotsUrl = `${origin}/robots.txt`;
    const answer = await fetcher.fetch(robotsUrl, {
      trustedHost,
      accept: 'text/plain',
      maxBytes: MAX_ROBOTS_BYTES,
      overflow: 'truncate',
      deadlineMs: ROBOTS_DEADLINE_MS,
    });
    if (answer.ok) {
      const text = new TextDecoder('utf-8').decode(answer.body);
      const robots = robotsParser(robotsUrl, text);
      return { kind: 'parsed', isAllowed: (url) => robots.isAllowed(url, ROBOTS_TOKEN) !== false };
    }
    // RFC 9309: a robots.txt that is missing (4xx) allows everything; one that cannot be read (5xx,
    // no answer) means nothing may be fetched.
    if (answer.status !== undefined && answer.status >= 400 && answer.status < 500) return { kind: 'all' };
    // An address intake may not reach is refused for what it is, not for its robots.txt.
    if (answer.code === 'private-address' || answer.code === 'bad-url' || answer.code === 'unresolved') {
      return { kind: 'refused', reason: answer.reason };
    }
    return { kind: 'none', why: `its robots.txt ${answer.reason}` };
  };

  return {
    async check(url, trustedHost) {
      const origin = new URL(url).origin;
      let rules = origins.get(origin);
      if (!rules) {
        rules = read(origin, trustedHost);
        origins.set(origin, rules);
      }
      const found = await rules;
      if (found.kind === 'all') return { allowed: true };
      if (found.kind === 'refused') return { allowed: false, reason: found.reason };
      if (found.kind === 'none') {
        return { allowed: false, reason: `${found.why}, so nothing there may be fetched (RFC 9309)` };
      }
      return found.isAllowed(url)
        ? { allowed: true }
        : {
            allowed: false,
            reason: `robots.txt of ${new URL(url).host} disallows ${ROBOTS_TOKEN} from fetching it`,
          };
    },
  };
}
