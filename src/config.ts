// The one place that reads process.env: one zod schema, every problem reported at once.
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const STORE_SCHEMES = ['sqlite:', 'redis:', 'rediss:', 'memory:'];

/** Empty strings count as unset, as they do in most `.env` files. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    schema.optional(),
  );

/** The fallback is parsed like a set value (`prefault`), so `'2h'` becomes milliseconds too. */
const withDefault = <T extends z.ZodType>(schema: T, fallback: z.input<T>) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    schema.prefault(fallback as never),
  );

const httpUrl = (what: string) =>
  z.string().refine((value) => {
    try {
      return ['http:', 'https:'].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, `expected an http(s) URL of ${what}`);

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const timeZone = z.string().refine(isTimeZone, 'expected an IANA time zone such as UTC or Europe/Berlin');

/** Parses a duration such as `90s`, `15m`, `2h` or a number of seconds into milliseconds. */
const duration = z
  .string()
  .regex(/^\d+(\.\d+)?\s*(ms|s|m|h|d)?$/, 'expected a duration such as 90s, 15m or 2h')
  .transform((value) => {
    const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/.exec(value);
    const amount = Number(match?.[1]);
    const unit = match?.[2] ?? 's';
    const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[unit] ?? 1000;
    return amount * factor;
  });

export const configSchema = z.object({
  CONTENT_DIR: withDefault(z.string(), './content'),
  STORE_URL: withDefault(
    z.string().refine((value) => {
      try {
        return STORE_SCHEMES.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    }, 'expected sqlite://path, redis://host:port or memory://'),
    'sqlite://./data/newsquiz.sqlite',
  ),
  STORE_NAMESPACE: withDefault(
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,40}$/, 'expected 1–40 characters of A–Z, a–z, 0–9, _ and -, e.g. newsquiz'),
    'newsquiz',
  ),
  LOG_LEVEL: withDefault(z.enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` }), 'info'),
  DEFAULT_TIMEZONE: withDefault(timeZone, 'UTC'),
  SCHEDULE_GRACE: withDefault(duration, '2h'),
  DISCORD_TOKEN: optional(
    z.string().regex(/^[\w-]+\.[\w-]+\.[\w-]+$/, 'expected a bot token of three dot-separated parts'),
  ),
  DISCORD_CLIENT_ID: optional(
    z.string().regex(/^\d{17,20}$/, 'expected a numeric application id (snowflake)'),
  ),
  DISCORD_GUILD_ID: optional(z.string().regex(/^\d{17,20}$/, 'expected a numeric server id (snowflake)')),
  DISCORD_API_BASE: optional(httpUrl('the Discord REST API, e.g. https://discord.com/api')),
  TELEGRAM_TOKEN: optional(
    z.string().regex(/^\d+:[\w-]{20,}$/, 'expected a BotFather token such as 123456:ABC-…'),
  ),
  TELEGRAM_API_ROOT: optional(httpUrl('a Bot API server, e.g. https://api.telegram.org')),
  TELEGRAM_WEBHOOK_URL: optional(
    z.string().url().startsWith('https://', 'expected an https:// URL Telegram can reach'),
  ),
  TELEGRAM_WEBHOOK_SECRET: optional(
    z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, 'expected 1–256 characters of A–Z, a–z, 0–9, _ and -'),
  ),
  TELEGRAM_WEBHOOK_PORT: withDefault(z.coerce.number().int().min(1).max(65535), 8443),
  OUTBOX_RATE_SCALE: withDefault(z.coerce.number().positive().max(1000), 1),
});

export type RawConfig = z.infer<typeof configSchema>;

export interface Config extends RawConfig {
  /** The Discord application id, from DISCORD_CLIENT_ID or decoded from the token's first part. */
  discordClientId: string | undefined;
}

const SECRET_KEYS = new Set(['DISCORD_TOKEN', 'TELEGRAM_TOKEN', 'TELEGRAM_WEBHOOK_SECRET']);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The application id a Discord bot token encodes in its first, base64 part. */
export function clientIdFromToken(token: string): string | undefined {
  const first = token.split('.')[0] ?? '';
  const decoded = Buffer.from(first, 'base64').toString('utf8');
  return /^\d{17,20}$/.test(decoded) ? decoded : undefined;
}

/** Parses an environment; throws ConfigError listing every problem (never echoing a secret value). */
export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const result = configSchema.safeParse(env);
  const problems = result.success
    ? []
    : result.error.issues.map((issue) => {
        const key = String(issue.path[0] ?? '');
        const value = env[key];
        const message =
          SECRET_KEYS.has(key) && value ? issue.message.split(value).join('***') : issue.message;
        return `${key}: ${message}`;
      });
  // Rules across variables are checked even when other variables are bad, so one run lists everything.
  const isSet = (key: string) => (env[key] ?? '').trim() !== '';
  if (isSet('TELEGRAM_WEBHOOK_URL') && !isSet('TELEGRAM_WEBHOOK_SECRET')) {
    problems.push(
      'TELEGRAM_WEBHOOK_SECRET: required when TELEGRAM_WEBHOOK_URL is set, so forged updates are refused',
    );
  }
  const token = configSchema.shape.DISCORD_TOKEN.safeParse(env.DISCORD_TOKEN).data;
  const clientId = isSet('DISCORD_CLIENT_ID') ? undefined : token && clientIdFromToken(token);
  if (token && !isSet('DISCORD_CLIENT_ID') && !clientId) {
    problems.push('DISCORD_CLIENT_ID: could not be read from DISCORD_TOKEN; set it to the application id');
  }
  if (!result.success || problems.length > 0) throw new ConfigError(problems);
  const raw = result.data;
  return { ...raw, discordClientId: raw.DISCORD_CLIENT_ID ?? clientId };
}

/** Loads `.env` when present (existing variables win), then parses process.env. */
export function loadConfig(envFile = '.env'): Config {
  try {
    process.loadEnvFile(envFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return parseConfig(process.env);
}
