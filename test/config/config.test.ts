import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  ConfigError,
  clientIdFromToken,
  type configSchema,
  modelSettings,
  parseConfig,
  parseIntakeConfig,
  shardEnvironment,
} from '../../src/config.ts';
import { BUILD_TIMEOUT_MS, compiled, ensureBuild } from '../support/compiled-build.ts';

/** The problems parseConfig reports for an environment; fails the test when it accepts it. */
function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError, but the environment was accepted');
}

/** A Discord-shaped token whose first part is the unpadded base64 of `id`. */
const discordToken = (id: string) =>
  `${Buffer.from(id).toString('base64').replace(/=+$/, '')}.GhJk2a.${'s3cr3t-Tail_'.repeat(3)}`;

describe('defaults', () => {
  test('an empty environment gives the documented defaults and no platform', () => {
    const config = parseConfig({});

    expect(config).toMatchObject({
      CONTENT_DIR: './content',
      STORE_URL: 'sqlite://./data/newsquiz.sqlite',
      DEFAULT_TIMEZONE: 'UTC',
      SCHEDULE_GRACE: 7_200_000,
      SCHEDULE_LEASE: 10_000,
      TELEGRAM_WEBHOOK_PORT: 8443,
      TELEGRAM_WEBHOOK_HOST: '127.0.0.1',
    });
    // Unset, so the app picks info for a bot and warn for the playground.
    expect(config.LOG_LEVEL).toBeUndefined();
    expect(config.DISCORD_TOKEN).toBeUndefined();
    expect(config.TELEGRAM_TOKEN).toBeUndefined();
    expect(config.discordClientId).toBeUndefined();
  });

  test('empty and blank strings count as unset, as in a copied .env.example', () => {
    const config = parseConfig({
      CONTENT_DIR: '',
      STORE_URL: '  ',
      LOG_LEVEL: '',
      DEFAULT_TIMEZONE: '',
      SCHEDULE_GRACE: '',
      SCHEDULE_LEASE: '',
      DISCORD_TOKEN: '',
      DISCORD_CLIENT_ID: '',
      TELEGRAM_TOKEN: '',
      TELEGRAM_WEBHOOK_URL: '',
      TELEGRAM_WEBHOOK_SECRET: '',
      TELEGRAM_WEBHOOK_PORT: '',
      TELEGRAM_WEBHOOK_HOST: '',
    });

    expect(config).toEqual(parseConfig({}));
  });

  test('set values replace the defaults', () => {
    const config = parseConfig({
      CONTENT_DIR: '/srv/articles',
      STORE_URL: 'redis://localhost:6379',
      LOG_LEVEL: 'debug',
      DEFAULT_TIMEZONE: 'Europe/Berlin',
      SCHEDULE_GRACE: '90m',
      SCHEDULE_LEASE: '3s',
      TELEGRAM_WEBHOOK_PORT: '9000',
    });

    expect(config).toMatchObject({
      CONTENT_DIR: '/srv/articles',
      STORE_URL: 'redis://localhost:6379',
      LOG_LEVEL: 'debug',
      DEFAULT_TIMEZONE: 'Europe/Berlin',
      SCHEDULE_GRACE: 5_400_000,
      SCHEDULE_LEASE: 3_000,
      TELEGRAM_WEBHOOK_PORT: 9000,
    });
  });

  test.each([
    ['90s', 90_000],
    ['15m', 900_000],
    ['1d', 86_400_000],
    ['500ms', 500],
    ['30', 30_000],
  ])('SCHEDULE_GRACE=%s is %i ms', (value, ms) => {
    expect(parseConfig({ SCHEDULE_GRACE: value }).SCHEDULE_GRACE).toBe(ms);
  });
});

describe('problems', () => {
  test('a bad STORE_URL, time zone and LOG_LEVEL are reported together in one ConfigError', () => {
    const problems = problemsOf({ STORE_URL: 'nope', DEFAULT_TIMEZONE: 'Mars/Base', LOG_LEVEL: 'loud' });

    expect(problems).toHaveLength(3);
    expect(problems).toEqual(
      expect.arrayContaining([
        'STORE_URL: expected sqlite://path, redis://host:port or memory://, e.g. sqlite://./data/newsquiz.sqlite',
        'DEFAULT_TIMEZONE: expected an IANA time zone, e.g. UTC or Europe/Berlin',
        'LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent, e.g. info',
      ]),
    );
  });

  test('the error message lists every problem on its own line', () => {
    let error: unknown;
    try {
      parseConfig({ STORE_URL: 'nope', SCHEDULE_GRACE: 'soon' });
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(
      [
        'Invalid configuration:',
        '  - STORE_URL: expected sqlite://path, redis://host:port or memory://, e.g. sqlite://./data/newsquiz.sqlite',
        '  - SCHEDULE_GRACE: expected a duration (a number with ms, s, m, h or d), e.g. 90s, 15m or 2h',
      ].join('\n'),
    );
  });

  test('a webhook URL without a secret is refused, so forged updates cannot get in', () => {
    expect(problemsOf({ TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/telegram' })).toEqual([
      'TELEGRAM_WEBHOOK_SECRET: required when TELEGRAM_WEBHOOK_URL is set, so forged updates are refused',
    ]);
    expect(
      parseConfig({
        TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/telegram',
        TELEGRAM_WEBHOOK_SECRET: 'a-long_random-secret',
      }).TELEGRAM_WEBHOOK_SECRET,
    ).toBe('a-long_random-secret');
  });

  test('a missing webhook secret is reported together with problems in other variables', () => {
    const problems = problemsOf({
      STORE_URL: 'nope',
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/telegram',
    });

    expect(problems).toEqual([
      'STORE_URL: expected sqlite://path, redis://host:port or memory://, e.g. sqlite://./data/newsquiz.sqlite',
      'TELEGRAM_WEBHOOK_SECRET: required when TELEGRAM_WEBHOOK_URL is set, so forged updates are refused',
    ]);
  });

  test('a token without an application id is reported together with problems in other variables', () => {
    const token = `${Buffer.from('not-an-id').toString('base64url')}.GhJk2a.abcdefghijklmnopqrstuvwx`;

    expect(problemsOf({ LOG_LEVEL: 'loud', DISCORD_TOKEN: token })).toEqual([
      'LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent, e.g. info',
      'DISCORD_CLIENT_ID: could not be read from DISCORD_TOKEN; set it to the application id',
    ]);
  });

  test.each(['0.0.0.0', '::', '10.0.0.7', 'bot-internal.example'])(
    'TELEGRAM_WEBHOOK_HOST=%s is an address to listen on',
    (host) => {
      expect(parseConfig({ TELEGRAM_WEBHOOK_HOST: host }).TELEGRAM_WEBHOOK_HOST).toBe(host);
    },
  );

  test('a TELEGRAM_WEBHOOK_HOST that is no address says what is expected', () => {
    expect(problemsOf({ TELEGRAM_WEBHOOK_HOST: 'https://bot.example.org' })).toEqual([
      'TELEGRAM_WEBHOOK_HOST: expected an address to listen on, e.g. 127.0.0.1 (behind a TLS proxy), 0.0.0.0 or ::1',
    ]);
  });

  test('a plain-http webhook URL is refused', () => {
    expect(
      problemsOf({
        TELEGRAM_WEBHOOK_URL: 'http://bot.example.org/telegram',
        TELEGRAM_WEBHOOK_SECRET: 'secret',
      }),
    ).toEqual([
      'TELEGRAM_WEBHOOK_URL: expected an https:// URL Telegram can reach, e.g. https://bot.example.org/telegram',
    ]);
  });

  test('malformed tokens and secrets are named but their values are never echoed', () => {
    const discord = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.only-two-parts-Zq9Leak';
    const telegram = '123456:tooShortZq9Leak';
    const webhookSecret = 'has spaces and $ymbols Zq9Leak';
    let error: unknown;
    try {
      parseConfig({
        DISCORD_TOKEN: discord,
        TELEGRAM_TOKEN: telegram,
        TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/telegram',
        TELEGRAM_WEBHOOK_SECRET: webhookSecret,
      });
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message, stack } = error as ConfigError;
    expect(problems.map((problem) => problem.split(':')[0])).toEqual([
      'DISCORD_TOKEN',
      'TELEGRAM_TOKEN',
      'TELEGRAM_WEBHOOK_SECRET',
    ]);
    for (const text of [message, String(stack), JSON.stringify(problems)]) {
      expect(text).not.toContain('Zq9Leak');
      for (const secret of [discord, telegram, webhookSecret]) expect(text).not.toContain(secret);
    }
  });
});

describe('every variable', () => {
  /** The validator's own wording, which must never reach a person. */
  const VALIDATOR_WORDS =
    /Invalid input|expected (string|number)|received|Too (big|small)|NaN|Invalid (option|URL)/;
  /** Bad values for each variable; the Record type makes a new variable need its samples here. */
  const BAD: Record<keyof typeof configSchema.shape, string[]> = {
    CONTENT_DIR: [],
    STORE_URL: ['nope', 'ftp://host', 'x'.repeat(300)],
    STORE_NAMESPACE: ['has space', 'a:b', 'x'.repeat(41)],
    LOG_LEVEL: ['loud', '3', 'INFO!'],
    DEFAULT_TIMEZONE: ['Mars/Base', '+02:00', '42'],
    DEFAULT_LOCALE: ['fr', 'xx-YY', 'de DE', 'x'.repeat(40)],
    SCHEDULE_GRACE: ['soon', '-5m', '2 weeks', 'NaN'],
    SCHEDULE_LEASE: ['soon', '500ms', '0', '11m'],
    DISCORD_TOKEN: ['abc', 'a.b', 'x y.z.w'],
    DISCORD_CLIENT_ID: ['abc', '123', '1'.repeat(30)],
    DISCORD_GUILD_ID: ['abc', '123', '-1'],
    DISCORD_API_BASE: ['discord.com/api', 'ftp://x', 'abc'],
    DISCORD_PUBLIC_KEY: ['abc', 'g'.repeat(64), 'a'.repeat(63), 'a'.repeat(66)],
    DISCORD_INTERACTIONS_PORT: ['abc', '0', '65536', '8080.5'],
    DISCORD_INTERACTIONS_HOST: ['has space', 'a/b', 'x'.repeat(300)],
    DISCORD_SHARDS: ['0', '2.5', 'many', 'Auto!', '1001', '-1'],
    DISCORD_SHARD_METRICS_PORT: ['abc', '0', '65536', '9470.5'],
    SHARDS: ['-1', '0.5', 'abc', '[0,1]'],
    SHARD_COUNT: ['0', '1.5', 'abc'],
    TELEGRAM_TOKEN: ['abc', '123:short', ':'.repeat(40)],
    TELEGRAM_API_ROOT: ['api.telegram.org', 'ws://x', 'abc'],
    TELEGRAM_WEBHOOK_URL: ['http://bot.example.org', 'nope', 'bot.example.org/telegram'],
    TELEGRAM_WEBHOOK_SECRET: ['has spaces', 'é', 'x'.repeat(300)],
    TELEGRAM_WEBHOOK_PORT: ['abc', '0', '65536', '80.5', '-1', '1e9'],
    METRICS_PORT: ['abc', '0', '65536', '9464.5'],
    TELEGRAM_WEBHOOK_HOST: ['has space', 'a/b', 'x'.repeat(300)],
    METRICS_HOST: ['has space', 'a/b', 'x'.repeat(300)],
    OUTBOX_RATE_SCALE: ['0', '-1', 'abc', '1001', 'Infinity'],
    LLM_BASE_URL: ['api.openai.com/v1', 'ftp://models.example.org', 'abc'],
    LLM_MODEL: ['gpt 4o', 'x'.repeat(201)],
    LLM_API_KEY: ['sk-has space', 'x'.repeat(1001)],
    LLM_TIMEOUT: ['soon', '500ms', '0', '31m', '-1s'],
    FEED_POLLING: ['yes', 'false', 'of'],
  };
  const cases = Object.entries(BAD).flatMap(([key, values]) => values.map((value) => [key, value] as const));

  test.each(cases)('%s=%s is named with what is expected and an example, in our words', (key, value) => {
    const env: NodeJS.ProcessEnv = { [key]: value };
    if (key === 'TELEGRAM_WEBHOOK_URL') env.TELEGRAM_WEBHOOK_SECRET = 'a-secret';
    if (key.startsWith('LLM_')) {
      env.LLM_BASE_URL ??= 'http://127.0.0.1:11434/v1';
      env.LLM_MODEL ??= 'llama3.1:8b';
    }
    const problems = problemsOf(env);
    const mine = problems.filter((problem) => problem.startsWith(`${key}:`));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatch(new RegExp(`^${key}: expected .+, e\\.g\\. \\S`));
    for (const problem of problems) expect(problem).not.toMatch(VALIDATOR_WORDS);
  });

  test('TELEGRAM_WEBHOOK_PORT=abc and OUTBOX_RATE_SCALE=0 say what to set', () => {
    expect(problemsOf({ TELEGRAM_WEBHOOK_PORT: 'abc', OUTBOX_RATE_SCALE: '0' })).toEqual([
      'TELEGRAM_WEBHOOK_PORT: expected a port number from 1 to 65535, e.g. 8443',
      'OUTBOX_RATE_SCALE: expected a number above 0 and at most 1000, e.g. 1 (or 10 for an emulator)',
    ]);
  });
});

describe('sharding (npm run start:shards)', () => {
  test('DISCORD_SHARDS is auto by default, or a number; a process is a shard only with SHARDS and SHARD_COUNT', () => {
    expect(parseConfig({}).DISCORD_SHARDS).toBe('auto');
    expect(parseConfig({ DISCORD_SHARDS: 'auto' }).DISCORD_SHARDS).toBe('auto');
    expect(parseConfig({ DISCORD_SHARDS: '4' }).DISCORD_SHARDS).toBe(4);
    expect(parseConfig({}).discordShard).toBeUndefined();
    expect(parseConfig({ SHARDS: '1', SHARD_COUNT: '2' }).discordShard).toEqual({ id: 1, count: 2 });
  });

  test('shard rules are judged even when the shard variables or others have problems of their own', () => {
    expect(problemsOf({ SHARDS: '3', SHARD_COUNT: '2', LOG_LEVEL: 'loud' })).toEqual([
      'LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent, e.g. info',
      'SHARDS: expected a shard id below SHARD_COUNT (2), e.g. 0',
    ]);
    expect(problemsOf({ SHARDS: 'abc' })).toEqual([
      expect.stringMatching(/^SHARDS: expected /),
      'SHARD_COUNT: required when SHARDS is set (npm run start:shards sets both)',
    ]);
  });

  test('a shard id without its count, a count without an id, or an id beyond the count is refused', () => {
    expect(problemsOf({ SHARD_COUNT: '2' })).toEqual([
      'SHARDS: required when SHARD_COUNT is set (npm run start:shards sets both)',
    ]);
    expect(problemsOf({ SHARDS: '0' })).toEqual([
      'SHARD_COUNT: required when SHARDS is set (npm run start:shards sets both)',
    ]);
    expect(problemsOf({ SHARDS: '2', SHARD_COUNT: '2' })).toEqual([
      'SHARDS: expected a shard id below SHARD_COUNT (2), e.g. 0',
    ]);
  });

  test("a shard's environment has the Discord and store settings, none of Telegram's, its own metrics port, and blanks .env cannot fill", () => {
    const token = discordToken('123456789012345678');
    const env: NodeJS.ProcessEnv = {
      PATH: '/usr/bin',
      HOME: '/home/bot',
      AWS_SECRET_ACCESS_KEY: 'unrelated-secret',
      DISCORD_TOKEN: token,
      DISCORD_API_BASE: 'http://127.0.0.1:9999/api',
      STORE_URL: 'redis://127.0.0.1:6379',
      SCHEDULE_LEASE: '3s',
      TELEGRAM_TOKEN: '123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11',
      TELEGRAM_WEBHOOK_SECRET: 'a-secret',
      METRICS_PORT: '9464',
      DISCORD_SHARDS: '2',
      DISCORD_SHARD_METRICS_PORT: '9470',
    };
    const shard = shardEnvironment(9471, env);
    expect(shard).toMatchObject({
      PATH: '/usr/bin',
      HOME: '/home/bot',
      DISCORD_TOKEN: token,
      DISCORD_API_BASE: 'http://127.0.0.1:9999/api',
      STORE_URL: 'redis://127.0.0.1:6379',
      SCHEDULE_LEASE: '3s',
      METRICS_PORT: '9471',
      TELEGRAM_TOKEN: '',
      TELEGRAM_WEBHOOK_SECRET: '',
      TELEGRAM_WEBHOOK_URL: '',
      DISCORD_SHARDS: '',
      DISCORD_SHARD_METRICS_PORT: '',
      // Unset here, and set empty so that the shard's own .env cannot set it.
      DISCORD_GUILD_ID: '',
    });
    expect(shard).not.toHaveProperty('AWS_SECRET_ACCESS_KEY');
    expect(shardEnvironment(undefined, env).METRICS_PORT).toBe('');
    // What the shard reads of it is a Discord bot on the shared store, serving no Telegram.
    const config = parseConfig({ ...shard, SHARDS: '1', SHARD_COUNT: '2' });
    expect(config).toMatchObject({
      DISCORD_TOKEN: token,
      TELEGRAM_TOKEN: undefined,
      METRICS_PORT: 9471,
      discordShard: { id: 1, count: 2 },
    });
  });
});

describe('the language model for imported drafts', () => {
  test('unset, there is none; set, its address, name, key and time limit are read', () => {
    expect(modelSettings(parseConfig({}))).toBeUndefined();
    const config = parseConfig({
      LLM_BASE_URL: 'http://127.0.0.1:11434/v1',
      LLM_MODEL: 'llama3.1:8b',
      LLM_TIMEOUT: '5m',
    });
    expect(modelSettings(config)).toEqual({
      baseUrl: 'http://127.0.0.1:11434/v1',
      model: 'llama3.1:8b',
      apiKey: undefined,
      timeoutMs: 300_000,
    });
    expect(parseConfig({}).LLM_TIMEOUT).toBe(120_000);
  });

  test('an address without a model, a model without an address and a key alone are each refused, saying what to set', () => {
    expect(problemsOf({ LLM_BASE_URL: 'https://api.openai.com/v1' })).toEqual([
      'LLM_MODEL: required when LLM_BASE_URL is set; name the model to ask, e.g. gpt-4o-mini',
    ]);
    expect(problemsOf({ LLM_MODEL: 'gpt-4o-mini' })).toEqual([
      'LLM_BASE_URL: required when LLM_MODEL is set, e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1',
    ]);
    expect(problemsOf({ LLM_API_KEY: 'sk-proj-Zq9Leak' })).toEqual([
      'LLM_API_KEY: set, but LLM_BASE_URL and LLM_MODEL are not; set them to draft with a model, or unset the key',
    ]);
  });

  test('the API key is never echoed, even when it is malformed', () => {
    let error: unknown;
    try {
      parseConfig({ LLM_BASE_URL: 'nope', LLM_MODEL: 'm', LLM_API_KEY: 'sk-proj Zq9Leak' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { message, stack } = error as ConfigError;
    expect(`${message}${stack}`).not.toContain('Zq9Leak');
    expect((error as ConfigError).problems.map((problem) => problem.split(':')[0])).toEqual([
      'LLM_BASE_URL',
      'LLM_API_KEY',
    ]);
  });

  test('content:import reads only the content folder and the model, with the same rules', () => {
    expect(parseIntakeConfig({ DISCORD_TOKEN: 'not a token', CONTENT_DIR: 'news', LLM_TIMEOUT: '' })).toEqual(
      {
        CONTENT_DIR: 'news',
        LLM_TIMEOUT: 120_000,
      },
    );
    expect(() => parseIntakeConfig({ LLM_MODEL: 'gpt-4o-mini', LLM_TIMEOUT: 'soon' })).toThrow(
      new ConfigError([
        'LLM_TIMEOUT: expected a duration from 1s to 30m for one request to the model (a number with ms, s, m or h), e.g. 120s or 5m',
        'LLM_BASE_URL: required when LLM_MODEL is set, e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1',
      ]),
    );
  });
});

describe('the Discord application id', () => {
  test.each(['123456789012345678', '1234567890123456789'])(
    'is read from a token whose first part is the base64 of a snowflake (%s)',
    (id) => {
      const config = parseConfig({ DISCORD_TOKEN: discordToken(id) });

      expect(config.discordClientId).toBe(id);
      expect(clientIdFromToken(discordToken(id))).toBe(id);
    },
  );

  test('DISCORD_CLIENT_ID wins over the id inside the token', () => {
    const config = parseConfig({
      DISCORD_TOKEN: discordToken('123456789012345678'),
      DISCORD_CLIENT_ID: '987654321098765432',
    });

    expect(config.discordClientId).toBe('987654321098765432');
  });

  test('a token that carries no snowflake needs DISCORD_CLIENT_ID, and says so without echoing the token', () => {
    const token = `${Buffer.from('not-an-id').toString('base64url')}.GhJk2a.abcdefghijklmnopqrstuvwx`;

    const problems = problemsOf({ DISCORD_TOKEN: token });

    expect(problems).toEqual([
      'DISCORD_CLIENT_ID: could not be read from DISCORD_TOKEN; set it to the application id',
    ]);
    expect(problems.join('\n')).not.toContain(token);
  });
});

describe('starting the app with a bad environment', () => {
  beforeAll(ensureBuild, BUILD_TIMEOUT_MS);

  test('exits with code 2 and lists every bad variable, without a stack trace', async () => {
    // Started from an empty folder: a .env of the developer's in the project root is not read.
    const empty = await mkdtemp(join(tmpdir(), 'newsquiz-config-'));
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [compiled('src/main')],
        {
          cwd: empty,
          env: { PATH: process.env.PATH ?? '', STORE_URL: 'nope', DEFAULT_TIMEZONE: 'Mars/Base' },
          timeout: 15_000,
        },
        (error, stdout, stderr) =>
          resolve({ code: error ? (error.code as number | null) : 0, stdout, stderr }),
      );
    });
    await rm(empty, { recursive: true, force: true });

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'STORE_URL: expected sqlite://path, redis://host:port or memory://, e.g. sqlite://./data/newsquiz.sqlite',
    );
    expect(run.stderr).toContain('DEFAULT_TIMEZONE: expected an IANA time zone, e.g. UTC or Europe/Berlin');
    expect(run.stderr).toContain('See .env.example');
    expect(run.stderr).not.toMatch(/^ {4}at /m);
    expect(run.stdout).toBe('');
  });
});

describe('DEFAULT_LOCALE', () => {
  test('is English unless set, and a regional or script tag is taken as the language the bot has', () => {
    expect(parseConfig({}).DEFAULT_LOCALE).toBe('en');
    expect(parseConfig({ DEFAULT_LOCALE: 'de-AT' }).DEFAULT_LOCALE).toBe('de');
    expect(parseConfig({ DEFAULT_LOCALE: 'zh-Hans' }).DEFAULT_LOCALE).toBe('zh-CN');
  });

  test('a tag the bot cannot match says that regional and script tags are matched too, as they are', () => {
    expect(problemsOf({ DEFAULT_LOCALE: 'xx' })).toEqual([
      'DEFAULT_LOCALE: expected one of en, de, zh-CN (a tag such as de-AT or zh is matched to one of them), e.g. de',
    ]);
    expect(parseConfig({ DEFAULT_LOCALE: 'zh' }).DEFAULT_LOCALE).toBe('zh-CN');
  });
});

describe('Discord interactions over HTTP', () => {
  const key = 'ab'.repeat(32);
  const token = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GhJk2a.xxxx';

  test('the public key and the port start HTTP mode; the host is loopback unless set', () => {
    const config = parseConfig({
      DISCORD_TOKEN: token,
      DISCORD_PUBLIC_KEY: key,
      DISCORD_INTERACTIONS_PORT: '8080',
    });
    expect(config.DISCORD_PUBLIC_KEY).toBe(key);
    expect(config.DISCORD_INTERACTIONS_PORT).toBe(8080);
    expect(config.DISCORD_INTERACTIONS_HOST).toBe('127.0.0.1');
  });

  test('a key without a port, a port without a key, or either without a token is refused, saying what to set', () => {
    expect(problemsOf({ DISCORD_TOKEN: token, DISCORD_PUBLIC_KEY: key })).toEqual([
      'DISCORD_INTERACTIONS_PORT: required when DISCORD_PUBLIC_KEY is set (where interactions arrive), e.g. 8080',
    ]);
    expect(problemsOf({ DISCORD_TOKEN: token, DISCORD_INTERACTIONS_PORT: '8080' })).toEqual([
      'DISCORD_PUBLIC_KEY: required when DISCORD_INTERACTIONS_PORT is set, so forged interactions are refused',
    ]);
    expect(problemsOf({ DISCORD_PUBLIC_KEY: key, DISCORD_INTERACTIONS_PORT: '8080' })).toEqual([
      'DISCORD_TOKEN: required when DISCORD_PUBLIC_KEY is set (replies and posts go over REST with it)',
    ]);
  });

  test('a malformed key, a missing port and a missing token are all listed in one run', () => {
    expect(problemsOf({ DISCORD_PUBLIC_KEY: 'abc' })).toEqual([
      "DISCORD_PUBLIC_KEY: expected the application's public key, 64 hex digits as the Developer Portal shows it (General Information → Public Key), e.g. 3880c702fd1353af1267422c8abff9035f386ab1bc19e9bd012e9f3ca4a2d075",
      'DISCORD_INTERACTIONS_PORT: required when DISCORD_PUBLIC_KEY is set (where interactions arrive), e.g. 8080',
      'DISCORD_TOKEN: required when DISCORD_PUBLIC_KEY is set (replies and posts go over REST with it)',
    ]);
  });

  test("the public key's example can be copied: it is a whole key, and one the key's own rule accepts", () => {
    const [problem] = problemsOf({
      DISCORD_PUBLIC_KEY: 'abc',
      DISCORD_INTERACTIONS_PORT: '8080',
      DISCORD_TOKEN: token,
    });
    const example = /e\.g\. (\S+)$/.exec(problem ?? '')?.[1];
    expect(example).toMatch(/^[0-9a-f]{64}$/);
    expect(
      parseConfig({ DISCORD_PUBLIC_KEY: example, DISCORD_INTERACTIONS_PORT: '8080', DISCORD_TOKEN: token })
        .DISCORD_PUBLIC_KEY,
    ).toBe(example);
  });
});
