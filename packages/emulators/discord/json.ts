// Small helpers for reading untrusted JSON values without `any`.

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type UnknownRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is UnknownRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isString(value: unknown): value is string {
  return typeof value === 'string';
}

export function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

/** Length as Discord counts it: Unicode code points, not UTF-16 units. */
export function textLength(text: string): number {
  // Fast path: no surrogate pairs means code points === UTF-16 units.
  if (!/[\uD800-\uDFFF]/.test(text)) return text.length;
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** Deep copy for JSON-safe data, so callers can never mutate emulator state. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}
