// Discord-shaped identifiers: snowflakes, bot tokens, interaction tokens and session ids.
import { randomBytes } from 'node:crypto';

const DISCORD_EPOCH = 1_420_070_400_000n;
const WORKER_ID = 1n;
const PROCESS_ID = 0n;

let lastTimestamp = 0n;
let increment = 0n;

/** A new, strictly increasing snowflake whose timestamp part is "now". */
export function snowflake(now: number = Date.now()): string {
  let timestamp = BigInt(now);
  if (timestamp <= lastTimestamp) {
    timestamp = lastTimestamp;
    increment = (increment + 1n) & 0xfffn;
    // 4096 ids in one millisecond: borrow the next millisecond to stay unique and ordered.
    if (increment === 0n) timestamp += 1n;
  } else {
    increment = 0n;
  }
  lastTimestamp = timestamp;
  return (
    ((timestamp - DISCORD_EPOCH) << 22n) |
    (WORKER_ID << 17n) |
    (PROCESS_ID << 12n) |
    increment
  ).toString();
}

/** Milliseconds since the Unix epoch encoded in a snowflake. */
export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

/**
 * A token shaped like a real bot token: base64(user id) . base64(timestamp) . HMAC-like tail.
 * discord.js and most bots only ever split on '.' and decode the first segment.
 */
export function botToken(userId: string): string {
  const first = Buffer.from(userId).toString('base64').replace(/=+$/, '');
  const stamp = Buffer.alloc(4);
  stamp.writeUInt32BE(Math.floor(Date.now() / 1000) >>> 0);
  const second = stamp.toString('base64url');
  const third = randomBytes(28).toString('base64url');
  return `${first}.${second}.${third}`;
}

/** Interaction tokens are long base64 strings that decode to `interaction:<id>:<secret>`. */
export function interactionToken(interactionId: string): string {
  return Buffer.from(`interaction:${interactionId}:${randomBytes(72).toString('base64url')}`).toString(
    'base64url',
  );
}

export function sessionId(): string {
  return randomBytes(16).toString('hex');
}

/** Short stable hash used for X-RateLimit-Bucket headers. */
export function bucketHash(key: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return `${h1.toString(16).padStart(8, '0')}${h2.toString(16).padStart(8, '0')}`;
}

const FIXTURE_BASE = (BigInt(Date.UTC(2023, 3, 1)) - DISCORD_EPOCH) << 22n;

/** Deterministic snowflakes for default fixtures (all dated 2023-04-01). */
export function fixtureId(n: number): string {
  return (FIXTURE_BASE + BigInt(n)).toString();
}
