// The operators' HTTP endpoint (METRICS_PORT): /healthz for liveness checks, /metrics for Prometheus.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type HostAllowlist, hostAllowlist, isLoopback, MISDIRECTED } from '../http/host-allowlist.ts';
import { closeAfterBody, SERVER_LIMITS, type ServerLimits, serverOptions } from '../http/server-limits.ts';
import type { AppMetrics } from './app-metrics.ts';

export interface HealthChecks {
  /** Throws (or rejects) when the store cannot be reached. */
  store(): Promise<void>;
  /** Each platform adapter, with why it is not connected right now (undefined while it is). */
  adapters(): Record<string, string | undefined>;
  /** How each adapter with several ways receives updates (Discord: gateway or http). */
  modes?(): Record<string, string>;
}

/** A health check slower than this counts as failed. */
const CHECK_TIMEOUT_MS = 2_000;

async function health(checks: HealthChecks) {
  let store = 'ok';
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      checks.store(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS);
      }),
    ]);
  } catch (error) {
    store = `unreachable: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    clearTimeout(timer);
  }
  const adapters = Object.fromEntries(
    Object.entries(checks.adapters()).map(([name, problem]) => [
      name,
      problem === undefined ? 'connected' : `disconnected: ${problem}`,
    ]),
  );
  const healthy = store === 'ok' && Object.values(adapters).every((state) => state === 'connected');
  const modes = checks.modes?.() ?? {};
  const body = { status: healthy ? 'ok' : 'unhealthy', store, adapters };
  return { healthy, body: Object.keys(modes).length > 0 ? { ...body, modes } : body };
}

export async function startOpsServer(
  port: number,
  host: string,
  metrics: AppMetrics,
  checks: HealthChecks,
  limits: ServerLimits = SERVER_LIMITS,
): Promise<Server> {
  // On loopback the endpoint is this machine's own: it answers its own names only, so a web page cannot
  // read it by pointing another name at 127.0.0.1. Listening elsewhere, it is scraped and health-checked
  // under whatever name the operator's tools use for the machine, so any Host is answered.
  let allowlist: HostAllowlist | undefined;
  const server = createServer(serverOptions(limits), (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    // Every endpoint here is GET: a body is never read.
    closeAfterBody(request, response);
    const reply = (status: number, type: string, body: string) => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(body);
    };
    if (allowlist && !allowlist.allows(request.headers.host)) {
      return reply(
        MISDIRECTED,
        'text/plain',
        `This endpoint listens on loopback and answers only as ${allowlist.names}; set METRICS_HOST to listen on an address other machines reach.\n`,
      );
    }
    if (request.method !== 'GET') return reply(405, 'text/plain', 'only GET\n');
    if (path === '/healthz') {
      void health(checks).then(({ healthy, body }) =>
        reply(healthy ? 200 : 503, 'application/json', `${JSON.stringify(body)}\n`),
      );
      return;
    }
    if (path === '/metrics') {
      void metrics.registry
        .metrics()
        .then((text) => reply(200, metrics.registry.contentType, text))
        .catch((error: unknown) => reply(500, 'text/plain', `metrics failed: ${String(error)}\n`));
      return;
    }
    reply(404, 'text/plain', 'try /healthz or /metrics\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  if (isLoopback(host)) allowlist = hostAllowlist(host, (server.address() as AddressInfo).port);
  return server;
}
