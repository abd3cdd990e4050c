// Counts what the process writes to its store: bytes of keys and values sent, and write operations.

export class WriteMeter {
  bytes = 0;
  writes = 0;

  add(bytes: number): void {
    this.bytes += bytes;
    this.writes += 1;
  }
}

/** Bytes of a write's parameters as sent (UTF-8 for text, 8 for numbers). */
export function paramBytes(params: readonly unknown[]): number {
  let bytes = 0;
  for (const param of params) {
    if (typeof param === 'string') bytes += Buffer.byteLength(param);
    else if (typeof param === 'number' || typeof param === 'boolean') bytes += 8;
    else if (param !== null && param !== undefined) bytes += Buffer.byteLength(JSON.stringify(param));
  }
  return bytes;
}
