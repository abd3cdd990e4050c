// The key button payloads are sealed with: made once, kept in the store, the same for every instance.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Records } from './store-contract.ts';

const KEY = 'secret:payload-key';
const keySchema = z.object({ v: z.literal(1), key: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });

/** Reads the key, or creates it if this is the first start (the first instance to write it wins). */
export async function loadPayloadKey(records: Records): Promise<Buffer> {
  const fresh = randomBytes(32).toString('base64url');
  const key = await records.update(KEY, keySchema, (current) =>
    current ? { result: current.key } : { next: { v: 1 as const, key: fresh }, result: fresh },
  );
  return Buffer.from(key, 'base64url');
}
