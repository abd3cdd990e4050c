// Structured logging (pino): child loggers carry platform, chat, user and update ids; never a token.
import { type Bindings, type Logger, pino } from 'pino';

export type { Logger } from 'pino';

/** Paths that may hold a secret anywhere in a log record. */
const REDACT = [
  'token',
  '*.token',
  'config.DISCORD_TOKEN',
  'config.TELEGRAM_TOKEN',
  'config.TELEGRAM_WEBHOOK_SECRET',
  'config.LLM_API_KEY',
  'headers.authorization',
  '*.headers.authorization',
];

/** Removes bot tokens from any text (error messages from SDKs sometimes include request URLs). */
export function scrubSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let scrubbed = text;
  for (const secret of secrets)
    if (secret && secret.length >= 8) scrubbed = scrubbed.split(secret).join('***');
  return scrubbed.replace(/\/bot\d+:[\w-]{20,}\//g, '/bot***/');
}

export function createLogger(
  level: string,
  secrets: readonly (string | undefined)[] = [],
  fd: 1 | 2 = 1,
): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT, censor: '***' },
      hooks: {
        // Last line of defence: a token inside a message or an error's text is masked too.
        logMethod(args, method) {
          const masked = args.map((arg) => {
            if (typeof arg === 'string') return scrubSecrets(arg, secrets);
            if (arg && typeof arg === 'object' && 'err' in arg && arg.err instanceof Error) {
              const err = arg.err;
              return {
                ...arg,
                err: {
                  type: err.name,
                  message: scrubSecrets(err.message, secrets),
                  stack: scrubSecrets(err.stack ?? '', secrets),
                },
              };
            }
            return arg;
          });
          method.apply(this, masked as Parameters<typeof method>);
        },
      },
    },
    pino.destination({ fd, sync: true }),
  );
}

/** A logger that discards everything, for tests and benchmarks. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

const LEVELS: ReadonlySet<string> = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace']);
const ignore = () => {};

/**
 * A child logger made only once something is logged through it: a child per update (its ids as
 * bindings) costs a serialisation even when, as on most presses, nothing is logged at the level set.
 */
export function lazyChild(parent: Logger, bindings: Bindings): Logger {
  let child: Logger | undefined;
  const made = (): Logger => {
    child ??= parent.child(bindings);
    return child;
  };
  return new Proxy(parent, {
    get(_parent, property) {
      if (typeof property === 'string' && LEVELS.has(property) && !parent.isLevelEnabled(property))
        return ignore;
      const logger = made();
      const value: unknown = Reflect.get(logger, property, logger);
      return typeof value === 'function' ? value.bind(logger) : value;
    },
  });
}
