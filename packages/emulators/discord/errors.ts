// Discord-style HTTP errors: the ApiError thrown by handlers and the nested "Invalid Form Body" error tree.
import type { JsonValue } from './json.ts';

export interface DiscordErrorBody {
  message: string;
  /** Absent on 429 bodies, like Discord's. */
  code?: number;
  errors?: JsonValue;
  retry_after?: number;
  global?: boolean;
}

/** Thrown anywhere in a route handler; the REST server turns it into the HTTP response. */
export class ApiError extends Error {
  readonly status: number;
  readonly body: DiscordErrorBody;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, body: DiscordErrorBody, headers: Record<string, string> = {}) {
    super(`${status} ${body.code ?? ''}: ${body.message}`);
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

export type ErrorPath = readonly (string | number)[];

interface FieldError {
  code: string;
  message: string;
}

interface ErrorNode {
  errors: FieldError[];
  children: Map<string, ErrorNode>;
}

/** Collects field errors under dotted paths and renders Discord's `{ a: { 0: { b: { _errors } } } }` tree. */
export class FormErrors {
  readonly #root: ErrorNode = { errors: [], children: new Map() };
  #count = 0;

  get count(): number {
    return this.#count;
  }

  add(path: ErrorPath, code: string, message: string): void {
    let node = this.#root;
    for (const segment of path) {
      const key = String(segment);
      let child = node.children.get(key);
      if (!child) {
        child = { errors: [], children: new Map() };
        node.children.set(key, child);
      }
      node = child;
    }
    node.errors.push({ code, message });
    this.#count++;
  }

  maxLength(path: ErrorPath, max: number): void {
    this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
  }

  badLength(path: ErrorPath, min: number, max: number): void {
    this.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`);
  }

  required(path: ErrorPath): void {
    this.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
  }

  wrongType(
    path: ErrorPath,
    expected: 'string' | 'integer' | 'boolean' | 'array' | 'object' | 'snowflake',
  ): void {
    const messages = {
      string: ['BASE_TYPE_STRING', 'Must be a string.'],
      integer: ['NUMBER_TYPE_COERCE', 'Value is not int.'],
      boolean: ['BASE_TYPE_BOOLEAN', 'Must be either true or false.'],
      array: ['BASE_TYPE_ARRAY', 'Must be an array.'],
      object: ['MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType'],
      snowflake: ['NUMBER_TYPE_COERCE', 'Value is not snowflake.'],
    } as const;
    const [code, message] = messages[expected];
    this.add(path, code, message);
  }

  toJSON(): JsonValue {
    return render(this.#root);
  }

  /** Throws the 400 Invalid Form Body error when anything was collected. */
  throwIfAny(): void {
    if (this.#count > 0) throw invalidFormBody(this);
  }
}

function render(node: ErrorNode): JsonValue {
  const out: { [key: string]: JsonValue } = {};
  if (node.errors.length > 0) out._errors = node.errors.map((e) => ({ code: e.code, message: e.message }));
  for (const [key, child] of node.children) out[key] = render(child);
  return out;
}

export function invalidFormBody(errors: FormErrors): ApiError {
  return new ApiError(400, { message: 'Invalid Form Body', code: 50035, errors: errors.toJSON() });
}

/** The JSON error responses real Discord uses, by name. */
export const Errors = {
  notFound: () => new ApiError(404, { message: '404: Not Found', code: 0 }),
  methodNotAllowed: () => new ApiError(405, { message: '405: Method Not Allowed', code: 0 }),
  unauthorized: () => new ApiError(401, { message: '401: Unauthorized', code: 0 }),
  invalidJson: () => new ApiError(400, { message: 'The request body contains invalid JSON.', code: 50109 }),
  unknownChannel: () => new ApiError(404, { message: 'Unknown Channel', code: 10003 }),
  unknownGuild: () => new ApiError(404, { message: 'Unknown Guild', code: 10004 }),
  unknownMember: () => new ApiError(404, { message: 'Unknown Member', code: 10007 }),
  unknownMessage: () => new ApiError(404, { message: 'Unknown Message', code: 10008 }),
  unknownUser: () => new ApiError(404, { message: 'Unknown User', code: 10013 }),
  unknownWebhook: () => new ApiError(404, { message: 'Unknown Webhook', code: 10015 }),
  unknownCommand: () => new ApiError(404, { message: 'Unknown application command', code: 10063 }),
  unknownInteraction: () => new ApiError(404, { message: 'Unknown interaction', code: 10062 }),
  alreadyAcknowledged: () =>
    new ApiError(400, { message: 'Interaction has already been acknowledged.', code: 40060 }),
  missingAccess: () => new ApiError(403, { message: 'Missing Access', code: 50001 }),
  missingPermissions: () => new ApiError(403, { message: 'Missing Permissions', code: 50013 }),
  cannotEditOthers: () =>
    new ApiError(403, { message: 'Cannot edit a message authored by another user', code: 50005 }),
  nonTextChannel: () =>
    new ApiError(400, { message: 'Cannot send messages in a non-text channel', code: 50008 }),
  emptyMessage: () => new ApiError(400, { message: 'Cannot send an empty message', code: 50006 }),
  invalidWebhookToken: () => new ApiError(401, { message: 'Invalid Webhook Token', code: 50027 }),
  payloadTooLarge: () => new ApiError(413, { message: 'Request entity too large', code: 40005 }),
} as const;
