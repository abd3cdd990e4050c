// The one place that reads process.env: one zod schema, every problem reported at once.
import { isIP } from 'node:net';
import { z } from 'zod';
import { isHttpUrl } from './content/http-url.ts';
import { LOCALES, matchLocale } from './i18n/locales.ts';

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

const httpUrl = z.string().refine(isHttpUrl);

/** The IANA name of a zone in any letter case (`europe/berlin` → `Europe/Berlin`), or undefined. */
export function canonicalTimeZone(zone: string): string | undefined {
  if (zone.trim() === '') return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

export function isTimeZone(zone: string): boolean {
  return canonicalTimeZone(zone) !== undefined;
}

/** Parses a duration such as `90s`, `15m`, `2h` or a number of seconds into milliseconds. */
export const duration = z
  .string()
  .regex(/^\d+(\.\d+)?\s*(ms|s|m|h|d)?$/)
  .transform((value) => {
    const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/.exec(value);
    const amount = Number(match?.[1]);
    const unit = match?.[2] ?? 's';
    const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[unit] ?? 1000;
    return amount * factor;
  });

const snowflake = z.string().regex(/^\d{17,20}$/);

const port = z.coerce.number().int().min(1).max(65535);

/** Most shards `npm run start:shards` starts when told a number: each is a process of its own. */
export const MAX_SHARDS = 1000;

/** An IP address or a host name (at most 253 characters). */
const isHostName = (value: string) =>
  value.length <= 253 &&
  (isIP(value) !== 0 ||
    /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/.test(value));

/** An address a server listens on. */
const listenAddress = z.string().refine(isHostName);

/** Host names separated by commas (an IPv6 address in brackets or not), in lower case; empty for none. */
const hostNames = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((name) =>
        name
          .trim()
          .toLowerCase()
          .replace(/^\[(.*)\]$/, '$1'),
      )
      .filter((name) => name !== ''),
  )
  .refine((names) => names.every(isHostName));

/** A duration of at least a second and at most 30 minutes, for a request's time limit. */
const requestTimeout = duration.refine((ms) => ms >= 1000 && ms <= 1_800_000);

/** The optional language model that drafts imported stories (content:import, feeds). */
const modelShape = {
  LLM_BASE_URL: optional(httpUrl),
  LLM_MODEL: optional(z.string().regex(/^\S{1,200}$/)),
  LLM_API_KEY: optional(z.string().regex(/^\S{1,1000}$/)),
  LLM_TIMEOUT: withDefault(requestTimeout, '120s'),
};

const MODEL_EXPECTED = {
  LLM_BASE_URL:
    'expected the http(s) URL of an OpenAI-compatible API, e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1 (Ollama)',
  LLM_MODEL: 'expected the model name the server knows, without spaces, e.g. gpt-4o-mini or llama3.1:8b',
  LLM_API_KEY: 'expected the API key as the provider shows it, without spaces, e.g. sk-…',
  LLM_TIMEOUT:
    'expected a duration from 1s to 30m for one request to the model (a number with ms, s, m or h), e.g. 120s or 5m',
} as const;

/** Rules across the model's variables: a model needs both its address and its name; a key alone does nothing. */
function modelProblems(env: NodeJS.ProcessEnv): string[] {
  const isSet = (key: string) => (env[key] ?? '').trim() !== '';
  if (isSet('LLM_BASE_URL') && !isSet('LLM_MODEL'))
    return ['LLM_MODEL: required when LLM_BASE_URL is set; name the model to ask, e.g. gpt-4o-mini'];
  if (isSet('LLM_MODEL') && !isSet('LLM_BASE_URL'))
    return [
      'LLM_BASE_URL: required when LLM_MODEL is set, e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1',
    ];
  if (isSet('LLM_API_KEY') && !isSet('LLM_BASE_URL'))
    return [
      'LLM_API_KEY: set, but LLM_BASE_URL and LLM_MODEL are not; set them to draft with a model, or unset the key',
    ];
  return [];
}

export const configSchema = z.object({
  CONTENT_DIR: withDefault(z.string(), './content'),
  STORE_URL: withDefault(
    z.string().refine((value) => {
      try {
        return STORE_SCHEMES.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    }),
    'sqlite://./data/newsquiz.sqlite',
  ),
  STORE_NAMESPACE: withDefault(z.string().regex(/^[A-Za-z0-9_-]{1,40}$/), 'newsquiz'),
  // Unset: `info` for a bot, `warn` in the playground (whose screen is the console itself).
  LOG_LEVEL: optional(z.enum(LOG_LEVELS)),
  DEFAULT_TIMEZONE: withDefault(z.string().refine(isTimeZone), 'UTC'),
  // The language for people and chats that neither chose one nor have one from the platform.
  DEFAULT_LOCALE: withDefault(
    z
      .string()
      .refine((value) => matchLocale(value) !== undefined)
      .transform((value) => matchLocale(value) ?? 'en'),
    'en',
  ),
  SCHEDULE_GRACE: withDefault(duration, '2h'),
  SCHEDULE_LEASE: withDefault(
    duration.refine((ms) => ms >= 1_000 && ms <= 600_000),
    '10s',
  ),
  DISCORD_TOKEN: optional(z.string().regex(/^[\w-]+\.[\w-]+\.[\w-]+$/)),
  DISCORD_CLIENT_ID: optional(snowflake),
  DISCORD_GUILD_ID: optional(snowflake),
  DISCORD_API_BASE: optional(httpUrl),
  // Interactions over HTTP (the Interactions Endpoint URL): no gateway connection when set.
  DISCORD_PUBLIC_KEY: optional(z.string().regex(/^[0-9a-fA-F]{64}$/)),
  DISCORD_INTERACTIONS_PORT: optional(port),
  DISCORD_INTERACTIONS_HOST: withDefault(listenAddress, '127.0.0.1'),
  // npm run start:shards only: how many shards, and the first of the shards' metrics ports.
  DISCORD_SHARDS: withDefault(
    z.union([z.literal('auto'), z.coerce.number().int().min(1).max(MAX_SHARDS)]),
    'auto',
  ),
  DISCORD_SHARD_METRICS_PORT: optional(port),
  // Set by the launcher (discord.js's ShardingManager names them) in each shard's process: which shard it is.
  SHARDS: optional(z.coerce.number().int().min(0)),
  SHARD_COUNT: optional(z.coerce.number().int().min(1)),
  TELEGRAM_TOKEN: optional(z.string().regex(/^\d+:[\w-]{20,}$/)),
  TELEGRAM_API_ROOT: optional(httpUrl),
  TELEGRAM_WEBHOOK_URL: optional(z.string().url().startsWith('https://')),
  TELEGRAM_WEBHOOK_SECRET: optional(z.string().regex(/^[A-Za-z0-9_-]{1,256}$/)),
  TELEGRAM_WEBHOOK_PORT: withDefault(port, 8443),
  // Loopback by default: a TLS proxy in front forwards to it (Telegram only calls https:// URLs).
  TELEGRAM_WEBHOOK_HOST: withDefault(listenAddress, '127.0.0.1'),
  OUTBOX_RATE_SCALE: withDefault(z.coerce.number().positive().max(1000), 1),
  METRICS_PORT: optional(port),
  METRICS_HOST: withDefault(listenAddress, '127.0.0.1'),
  ...modelShape,
  FEED_POLLING: withDefault(z.enum(['on', 'off']), 'on'),
});

type Variable = keyof typeof configSchema.shape;

/**
 * What each variable expects, with an example: the whole message for any problem with it, so the
 * validator's own wording ("Invalid input: expected number, received NaN") never reaches a person.
 */
const EXPECTED: Record<Variable, string> = {
  CONTENT_DIR: 'expected a folder of article files, e.g. ./content',
  STORE_URL: 'expected sqlite://path, redis://host:port or memory://, e.g. sqlite://./data/newsquiz.sqlite',
  STORE_NAMESPACE: 'expected 1–40 characters of A–Z, a–z, 0–9, _ and -, e.g. newsquiz',
  LOG_LEVEL: `expected one of ${LOG_LEVELS.join(', ')}, e.g. info`,
  DEFAULT_TIMEZONE: 'expected an IANA time zone, e.g. UTC or Europe/Berlin',
  DEFAULT_LOCALE: `expected one of ${LOCALES.join(', ')} (a tag such as de-AT or zh is matched to one of them), e.g. de`,
  SCHEDULE_GRACE: 'expected a duration (a number with ms, s, m, h or d), e.g. 90s, 15m or 2h',
  SCHEDULE_LEASE: 'expected a duration from 1s to 10m, e.g. 10s',
  DISCORD_TOKEN:
    'expected a bot token of three dot-separated parts as the Developer Portal shows it (Bot → Reset Token), e.g. MTIzNDU2Nzg5MDEyMzQ1Njc4.GhJk2a.xxxx',
  DISCORD_CLIENT_ID: 'expected a numeric application id of 17–20 digits, e.g. 123456789012345678',
  DISCORD_GUILD_ID: 'expected a numeric server id of 17–20 digits, e.g. 123456789012345678',
  DISCORD_API_BASE: 'expected an http(s) URL of the Discord REST API, e.g. https://discord.com/api',
  DISCORD_PUBLIC_KEY:
    "expected the application's public key, 64 hex digits as the Developer Portal shows it (General Information → Public Key), e.g. 3880c702fd1353af1267422c8abff9035f386ab1bc19e9bd012e9f3ca4a2d075",
  DISCORD_INTERACTIONS_PORT:
    "expected a port number from 1 to 65535 where Discord's interactions arrive (behind a TLS proxy), e.g. 8080",
  DISCORD_INTERACTIONS_HOST:
    'expected an address to listen on, e.g. 127.0.0.1 (behind a TLS proxy), 0.0.0.0 or ::1',
  DISCORD_SHARDS: `expected auto (the count Discord recommends) or a whole number of shards from 1 to ${MAX_SHARDS}, e.g. auto or 4`,
  DISCORD_SHARD_METRICS_PORT:
    'expected a port number from 1 to 65535 (shard N of npm run start:shards serves /healthz and /metrics on this port + N), e.g. 9470',
  SHARDS:
    'expected the shard id npm run start:shards gives each shard, a whole number from 0, e.g. 0 (unset it when you start the bot yourself)',
  SHARD_COUNT:
    'expected the number of shards npm run start:shards gives each shard, a whole number from 1, e.g. 2 (unset it when you start the bot yourself)',
  TELEGRAM_TOKEN:
    'expected a BotFather token (digits, a colon, then 20 or more characters), e.g. 123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11',
  TELEGRAM_API_ROOT: 'expected an http(s) URL of a Bot API server, e.g. https://api.telegram.org',
  TELEGRAM_WEBHOOK_URL: 'expected an https:// URL Telegram can reach, e.g. https://bot.example.org/telegram',
  TELEGRAM_WEBHOOK_SECRET: 'expected 1–256 characters of A–Z, a–z, 0–9, _ and -, e.g. k3Jx_9fQ-2mZ',
  TELEGRAM_WEBHOOK_PORT: 'expected a port number from 1 to 65535, e.g. 8443',
  TELEGRAM_WEBHOOK_HOST:
    'expected an address to listen on, e.g. 127.0.0.1 (behind a TLS proxy), 0.0.0.0 or ::1',
  OUTBOX_RATE_SCALE: 'expected a number above 0 and at most 1000, e.g. 1 (or 10 for an emulator)',
  METRICS_PORT: 'expected a port number from 1 to 65535 for /healthz and /metrics, e.g. 9464',
  METRICS_HOST:
    'expected an address to listen on, e.g. 127.0.0.1 (this machine only) or 0.0.0.0 (everywhere)',
  ...MODEL_EXPECTED,
  FEED_POLLING: 'expected on or off, e.g. off to leave the feeds of feeds.yaml unpolled',
};

export type RawConfig = z.infer<typeof configSchema>;

export interface Config extends RawConfig {
  /** The Discord application id, from DISCORD_CLIENT_ID or decoded from the token's first part. */
  discordClientId: string | undefined;
  /** The shard this process is, when `npm run start:shards` started it (SHARDS of SHARD_COUNT). */
  discordShard: { id: number; count: number } | undefined;
}

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

/** Parses an environment; throws ConfigError listing every problem (never echoing a value). */
export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const result = configSchema.safeParse(env);
  // One line per variable, in our words: messages never carry a value, so no secret can leak.
  const bad = new Set(result.success ? [] : result.error.issues.map((issue) => String(issue.path[0])));
  const problems = [...bad].map((key) => `${key}: ${EXPECTED[key as Variable] ?? 'has an invalid value'}`);
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
  problems.push(...modelProblems(env), ...shardProblems(env), ...interactionsProblems(env));
  if (!result.success || problems.length > 0) throw new ConfigError(problems);
  const raw = result.data;
  const discordShard =
    raw.SHARDS !== undefined && raw.SHARD_COUNT !== undefined
      ? { id: raw.SHARDS, count: raw.SHARD_COUNT }
      : undefined;
  return { ...raw, discordClientId: raw.DISCORD_CLIENT_ID ?? clientId, discordShard };
}

/**
 * Interactions over HTTP need the key, the port and a token (for REST); none of them alone does
 * anything. Each rule is judged on whether a variable is set, so a malformed one still counts.
 */
function interactionsProblems(env: NodeJS.ProcessEnv): string[] {
  const isSet = (key: string) => (env[key] ?? '').trim() !== '';
  const key = isSet('DISCORD_PUBLIC_KEY');
  const port = isSet('DISCORD_INTERACTIONS_PORT');
  const problems: string[] = [];
  if (key && !port)
    problems.push(
      'DISCORD_INTERACTIONS_PORT: required when DISCORD_PUBLIC_KEY is set (where interactions arrive), e.g. 8080',
    );
  if (port && !key)
    problems.push(
      'DISCORD_PUBLIC_KEY: required when DISCORD_INTERACTIONS_PORT is set, so forged interactions are refused',
    );
  if (key && !isSet('DISCORD_TOKEN'))
    problems.push(
      'DISCORD_TOKEN: required when DISCORD_PUBLIC_KEY is set (replies and posts go over REST with it)',
    );
  return problems;
}

/**
 * A shard's id and count come together, the id below the count. Judged from the two variables alone,
 * so a problem elsewhere does not hide these; the order only when both are valid.
 */
function shardProblems(env: NodeJS.ProcessEnv): string[] {
  const isSet = (key: string) => (env[key] ?? '').trim() !== '';
  const hasId = isSet('SHARDS');
  const hasCount = isSet('SHARD_COUNT');
  if (hasCount && !hasId)
    return ['SHARDS: required when SHARD_COUNT is set (npm run start:shards sets both)'];
  if (hasId && !hasCount)
    return ['SHARD_COUNT: required when SHARDS is set (npm run start:shards sets both)'];
  const id = configSchema.shape.SHARDS.safeParse(env.SHARDS).data;
  const count = configSchema.shape.SHARD_COUNT.safeParse(env.SHARD_COUNT).data;
  if (id !== undefined && count !== undefined && id >= count)
    return [`SHARDS: expected a shard id below SHARD_COUNT (${count}), e.g. 0`];
  return [];
}

/** What a Discord shard's process is not given: Telegram runs in a process of its own; the launcher's settings. */
const NOT_FOR_SHARDS: readonly Variable[] = [
  'TELEGRAM_TOKEN',
  'TELEGRAM_API_ROOT',
  'TELEGRAM_WEBHOOK_URL',
  'TELEGRAM_WEBHOOK_SECRET',
  'TELEGRAM_WEBHOOK_PORT',
  'TELEGRAM_WEBHOOK_HOST',
  'DISCORD_SHARDS',
  'DISCORD_SHARD_METRICS_PORT',
  'SHARDS',
  'SHARD_COUNT',
  'METRICS_PORT',
];

/** The system's variables a Node process may need: paths, time zone, locale, Node's own options. */
const SYSTEM_VARIABLES = [
  'PATH',
  'HOME',
  'TMPDIR',
  'TZ',
  'LANG',
  'LC_ALL',
  'NODE_OPTIONS',
  'NODE_EXTRA_CA_CERTS',
];

/**
 * The environment of a Discord shard's process, from this process's (after `.env`): the system's basics
 * and the bot's variables as set, except those a shard must not have, which are set empty so that the
 * shard's own reading of `.env` cannot bring them back (a variable that exists wins over `.env`).
 * `metricsPort` becomes the shard's METRICS_PORT; undefined, the shard serves no metrics.
 */
export function shardEnvironment(
  metricsPort: number | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const shard: Record<string, string> = {};
  for (const name of SYSTEM_VARIABLES) {
    const value = env[name];
    if (value !== undefined) shard[name] = value;
  }
  for (const name of Object.keys(configSchema.shape) as Variable[])
    shard[name] = NOT_FOR_SHARDS.includes(name) ? '' : (env[name] ?? '');
  shard.METRICS_PORT = metricsPort === undefined ? '' : String(metricsPort);
  return shard;
}

const SECRET_KEYS = ['DISCORD_TOKEN', 'TELEGRAM_TOKEN', 'TELEGRAM_WEBHOOK_SECRET', 'LLM_API_KEY'] as const;

/** Secrets as set in the environment, to mask them in anything printed (even when the config is invalid). */
export function secretValues(): (string | undefined)[] {
  return SECRET_KEYS.map((key) => process.env[key]);
}

/** The content folder as set in the environment (the content checker needs nothing else). */
export function contentDirFromEnv(): string | undefined {
  const value = process.env.CONTENT_DIR?.trim();
  return value === '' ? undefined : value;
}

/** What the authoring tools (`npm run preview`) read; the bot's own variables are not needed for them. */
export const authoringSchema = z.object({
  CONTENT_DIR: configSchema.shape.CONTENT_DIR,
  PREVIEW_PORT: withDefault(z.coerce.number().int().min(1).max(65535), 4321),
  // Besides localhost, 127.0.0.1 and [::1]: names the preview also answers to (421 for any other).
  PREVIEW_ALLOWED_HOSTS: withDefault(hostNames, ''),
});
export type AuthoringConfig = z.infer<typeof authoringSchema>;

/**
 * Where readers' reports and answer statistics are read from (`npm run content:reports`, and the
 * preview beside them): the content and the store, as the bot reads them.
 */
export const storeReaderSchema = z.object({
  CONTENT_DIR: configSchema.shape.CONTENT_DIR,
  STORE_URL: configSchema.shape.STORE_URL,
  STORE_NAMESPACE: configSchema.shape.STORE_NAMESPACE,
});
export type StoreReaderConfig = z.infer<typeof storeReaderSchema>;

const AUTHORING_EXPECTED: Record<string, string> = {
  CONTENT_DIR: EXPECTED.CONTENT_DIR,
  STORE_URL: EXPECTED.STORE_URL,
  STORE_NAMESPACE: EXPECTED.STORE_NAMESPACE,
  PREVIEW_PORT: 'expected a port number from 1 to 65535 for the preview page, e.g. 4321',
  PREVIEW_ALLOWED_HOSTS:
    'expected host names separated by commas, without http:// or a port, e.g. preview.local,my-laptop',
  ...MODEL_EXPECTED,
};

/**
 * Parses a few variables with one of the schemas above, with `rules` the problems across them; throws
 * ConfigError listing every problem.
 */
function parseSome<S extends z.ZodType>(
  schema: S,
  env: NodeJS.ProcessEnv,
  rules: readonly string[] = [],
): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success && rules.length === 0) return result.data;
  const bad = new Set(result.success ? [] : result.error.issues.map((issue) => String(issue.path[0])));
  throw new ConfigError([
    ...[...bad].map((key) => `${key}: ${AUTHORING_EXPECTED[key] ?? 'has an invalid value'}`),
    ...rules,
  ]);
}

/** Parses the authoring tools' variables; throws ConfigError listing every problem. */
export function parseAuthoringConfig(env: NodeJS.ProcessEnv): AuthoringConfig {
  return parseSome(authoringSchema, env);
}

/** Parses where reports and statistics are read from; throws ConfigError listing every problem. */
export function parseStoreReaderConfig(env: NodeJS.ProcessEnv): StoreReaderConfig {
  return parseSome(storeReaderSchema, env);
}

/** What content:import reads: the content folder and the optional model; the bot's own variables are not needed. */
export const intakeSchema = z.object({
  CONTENT_DIR: configSchema.shape.CONTENT_DIR,
  ...modelShape,
});
export type IntakeConfig = z.infer<typeof intakeSchema>;

/** Parses content:import's variables; throws ConfigError listing every problem (never echoing a value). */
export function parseIntakeConfig(env: NodeJS.ProcessEnv): IntakeConfig {
  return parseSome(intakeSchema, env, modelProblems(env));
}

/** The model to draft with, when one is configured. */
export interface ModelSettings {
  baseUrl: string;
  model: string;
  /** Unset for a local server that needs none. */
  apiKey: string | undefined;
  /** One request's time limit, in milliseconds. */
  timeoutMs: number;
}

export function modelSettings(
  config: Pick<IntakeConfig, keyof typeof modelShape>,
): ModelSettings | undefined {
  if (!config.LLM_BASE_URL || !config.LLM_MODEL) return undefined;
  return {
    baseUrl: config.LLM_BASE_URL,
    model: config.LLM_MODEL,
    apiKey: config.LLM_API_KEY,
    timeoutMs: config.LLM_TIMEOUT,
  };
}

function loadEnvFile(envFile: string): void {
  try {
    process.loadEnvFile(envFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Loads `.env` when present (existing variables win), then parses process.env. */
export function loadConfig(envFile = '.env'): Config {
  loadEnvFile(envFile);
  return parseConfig(process.env);
}

/** `.env` and process.env as content:import needs them. */
export function loadIntakeConfig(envFile = '.env'): IntakeConfig {
  loadEnvFile(envFile);
  return parseIntakeConfig(process.env);
}

/** `.env` and process.env as the authoring tools need them. */
export function loadAuthoringConfig(envFile = '.env'): AuthoringConfig {
  loadEnvFile(envFile);
  return parseAuthoringConfig(process.env);
}

/** `.env` and process.env as `npm run content:reports` (and the preview's statistics) need them. */
export function loadStoreReaderConfig(envFile = '.env'): StoreReaderConfig {
  loadEnvFile(envFile);
  return parseStoreReaderConfig(process.env);
}
