// Webhook mode: the registered URL, and delivery of queued updates to it one at a time, retrying failures.
import http from 'node:http';
import https from 'node:https';
import type { Update, WebhookInfo } from './bot-api-types.ts';
import type { UpdateQueue } from './update-queue.ts';

export interface WebhookConfig {
  url: string;
  secretToken: string | undefined;
  maxConnections: number;
  ipAddress: string | undefined;
}

/** A method the bot answered inside its webhook response body (telegraf's `webhookReply`). */
export type WebhookReplyHandler = (method: string, params: Record<string, unknown>) => Promise<void>;

interface DeliveryResult {
  status: number;
  statusText: string;
  body: string;
}

export class WebhookDelivery {
  private config: WebhookConfig | undefined;
  private routeBase: string | undefined;
  private lastError: { date: number; message: string } | undefined;
  private pumping = false;
  private closed = false;
  private inFlight: http.ClientRequest | undefined;
  private readonly agents = {
    http: new http.Agent({ keepAlive: true }),
    https: new https.Agent({ keepAlive: true }),
  };
  /** Number of POSTs made to the webhook (successful or not). */
  deliveries = 0;

  constructor(
    private readonly queue: UpdateQueue,
    private readonly onReply: WebhookReplyHandler,
    private readonly retryDelayMs: number,
  ) {
    queue.onPush(() => this.kick());
  }

  get active(): boolean {
    return this.config !== undefined;
  }

  set(config: WebhookConfig): void {
    this.config = config;
    this.lastError = undefined;
    this.kick();
  }

  delete(): void {
    this.config = undefined;
    this.lastError = undefined;
    this.inFlight?.destroy();
  }

  /** Deliver to this origin instead of the registered one (keeps path and query), e.g. a local http server. */
  routeTo(baseUrl: string | undefined): void {
    this.routeBase = baseUrl;
    this.kick();
  }

  info(): WebhookInfo {
    const info: WebhookInfo = {
      url: this.config?.url ?? '',
      has_custom_certificate: false,
      pending_update_count: this.queue.size,
    };
    if (this.config === undefined) return info;
    info.max_connections = this.config.maxConnections;
    if (this.config.ipAddress !== undefined) info.ip_address = this.config.ipAddress;
    const allowed = this.queue.allowedUpdates;
    if (allowed !== undefined) info.allowed_updates = allowed;
    if (this.lastError !== undefined) {
      info.last_error_date = this.lastError.date;
      info.last_error_message = this.lastError.message;
    }
    return info;
  }

  close(): void {
    this.closed = true;
    this.config = undefined;
    this.inFlight?.destroy();
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  private kick(): void {
    if (this.pumping || this.closed || this.config === undefined || this.queue.size === 0) return;
    this.pumping = true;
    void this.pump().finally(() => {
      this.pumping = false;
      this.kick(); // an update may have arrived after the loop saw an empty queue
    });
  }

  private async pump(): Promise<void> {
    for (;;) {
      const config = this.config;
      const update = this.queue.first();
      if (this.closed || config === undefined || update === undefined) return;
      try {
        const result = await this.post(config, update);
        this.deliveries += 1;
        if (result.status < 200 || result.status > 299) {
          throw new Error(`Wrong response from the webhook: ${result.status} ${result.statusText}`);
        }
        this.queue.confirmOne(update.update_id);
        await this.handleReply(result.body);
      } catch (error) {
        if (this.closed || this.config !== config) continue;
        const message = error instanceof Error ? error.message : String(error);
        this.lastError = { date: Math.floor(Date.now() / 1000), message };
        await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs));
      }
    }
  }

  private async handleReply(body: string): Promise<void> {
    if (body.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return;
    const { method, ...params } = parsed as Record<string, unknown>;
    if (typeof method === 'string') await this.onReply(method, params);
  }

  private post(config: WebhookConfig, update: Update): Promise<DeliveryResult> {
    const target = new URL(config.url);
    const url =
      this.routeBase === undefined ? target : new URL(`${target.pathname}${target.search}`, this.routeBase);
    const body = JSON.stringify(update);
    const headers: http.OutgoingHttpHeaders = {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    };
    if (config.secretToken !== undefined) headers['x-telegram-bot-api-secret-token'] = config.secretToken;
    const isHttps = url.protocol === 'https:';
    const request = isHttps ? https.request : http.request;
    return new Promise<DeliveryResult>((resolve, reject) => {
      const req = request(url, {
        method: 'POST',
        headers,
        agent: isHttps ? this.agents.https : this.agents.http,
      });
      this.inFlight = req;
      req.on('error', (error: NodeJS.ErrnoException) => {
        reject(new Error(error.code === 'ECONNREFUSED' ? 'Connection refused' : error.message));
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          resolve({
            status: res.statusCode ?? 0,
            statusText: res.statusMessage ?? '',
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
      });
      req.end(body);
    });
  }
}
