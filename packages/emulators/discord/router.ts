// A tiny typed router: `/channels/:channel_id` patterns, params typed from the pattern string.
import type { UploadedFile } from './messages.ts';

type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

export type RouteParams<P extends string> = { readonly [K in ParamNames<P>]: string };

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * How a route authenticates: `bot` needs `Authorization: Bot <token>`; `interaction` routes are
 * authenticated by the interaction token in the path (discord.js sends them with `auth: false`).
 */
export type RouteAuth = 'bot' | 'interaction';

export interface RouteRequest<P extends string = string> {
  method: HttpMethod;
  path: string;
  params: RouteParams<P>;
  query: URLSearchParams;
  body: unknown;
  files: UploadedFile[];
}

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Runs after the response is written and the call recorded (so tests see the call when notified). */
  afterResponse?: () => void;
}

export interface RouteDefinition {
  method: HttpMethod;
  pattern: string;
  auth: RouteAuth;
  /** Name of the major parameter for rate limit buckets (channel_id, guild_id, webhook token...). */
  major: string | null;
  handle(request: RouteRequest): RouteResult | Promise<RouteResult>;
}

export interface RouteMatch {
  route: RouteDefinition;
  params: Record<string, string>;
}

/** Declares a route; the handler's `params` are typed from the pattern's `:names`. */
export function route<P extends string>(
  method: HttpMethod,
  pattern: P,
  handle: (request: RouteRequest<P>) => RouteResult | Promise<RouteResult>,
  options: { auth?: RouteAuth; major?: ParamNames<P> } = {},
): RouteDefinition {
  return {
    method,
    pattern,
    auth: options.auth ?? 'bot',
    major: options.major ?? null,
    // The router only calls this with params extracted from `pattern`, so the names line up.
    handle: handle as (request: RouteRequest) => RouteResult | Promise<RouteResult>,
  };
}

interface CompiledRoute {
  route: RouteDefinition;
  segments: readonly string[];
}

export class Router {
  readonly #routes: CompiledRoute[] = [];

  constructor(routes: readonly RouteDefinition[]) {
    for (const r of routes) this.#routes.push({ route: r, segments: r.pattern.split('/').filter(Boolean) });
  }

  /** `undefined` if no pattern matches the path; `'method'` if the path exists for another method. */
  match(method: string, path: string): RouteMatch | 'method' | undefined {
    const parts = path.split('/').filter(Boolean);
    let pathExists = false;
    for (const compiled of this.#routes) {
      const params = matchSegments(compiled.segments, parts);
      if (!params) continue;
      if (compiled.route.method === method) return { route: compiled.route, params };
      pathExists = true;
    }
    return pathExists ? 'method' : undefined;
  }
}

function matchSegments(segments: readonly string[], parts: readonly string[]): Record<string, string> | null {
  if (segments.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] ?? '';
    const part = parts[i] ?? '';
    if (segment.startsWith(':')) {
      params[segment.slice(1)] = decodeURIComponent(part);
    } else if (segment !== part) {
      return null;
    }
  }
  return params;
}
