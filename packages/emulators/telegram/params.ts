// Typed, Telegram-worded readers for a method's raw parameters (JSON, form and query values alike).
import { badRequest } from './api-error.ts';

export type RawParams = Readonly<Record<string, unknown>>;

/** Parameters that hold JSON when they arrive as form fields or query strings. */
export const JSON_PARAMS: ReadonlySet<string> = new Set([
  'reply_markup',
  'entities',
  'allowed_updates',
  'commands',
  'scope',
  'reply_parameters',
  'link_preview_options',
]);

/** Parameters that are integers; numeric strings from forms are turned into numbers. */
export const INTEGER_PARAMS: ReadonlySet<string> = new Set([
  'chat_id',
  'message_id',
  'user_id',
  'offset',
  'limit',
  'timeout',
  'max_connections',
  'cache_time',
  'reply_to_message_id',
  'message_thread_id',
]);

/** Turns form/query strings into the values a JSON body would carry. */
export function normaliseParams(raw: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === 'string' && JSON_PARAMS.has(key)) {
      try {
        result[key] = JSON.parse(value);
      } catch {
        result[key] = value;
      }
    } else if (typeof value === 'string' && INTEGER_PARAMS.has(key) && /^-?\d+$/.test(value)) {
      result[key] = Number(value);
    } else {
      result[key] = value;
    }
  }
  return result;
}

export class Params {
  constructor(readonly raw: RawParams) {}

  has(name: string): boolean {
    const value = this.raw[name];
    return value !== undefined && value !== null;
  }

  /** `chat_id`: an integer or an `@username`; missing → 400 `chat_id is empty`. */
  chatId(name = 'chat_id'): number | string {
    const value = this.raw[name];
    if (value === undefined || value === null || value === '') throw badRequest(`${name} is empty`);
    if (typeof value === 'number' && Number.isInteger(value)) return value;
    if (typeof value === 'string') return /^-?\d+$/.test(value) ? Number(value) : value;
    throw badRequest(`${name} is empty`);
  }

  optionalInt(name: string): number | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value === 'number' && Number.isInteger(value)) return value;
    if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
    throw badRequest(`field "${name}" must be of type Integer`);
  }

  optionalString(name: string): string | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw badRequest(`field "${name}" must be of type String`);
  }

  bool(name: string): boolean {
    const value = this.raw[name];
    return value === true || value === 'true' || value === 1 || value === '1';
  }

  /** A JSON parameter (already parsed from form strings by {@link normaliseParams}). */
  json(name: string): unknown {
    return this.raw[name] ?? undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
