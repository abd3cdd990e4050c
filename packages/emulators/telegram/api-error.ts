// Bot API error answers ({ok:false,error_code,description}) as a throwable, with Telegram's wording.
import type { ApiFailure, ResponseParameters } from './bot-api-types.ts';

export class ApiError extends Error {
  readonly errorCode: number;
  readonly description: string;
  readonly parameters: ResponseParameters | undefined;

  constructor(errorCode: number, description: string, parameters?: ResponseParameters) {
    super(`${errorCode}: ${description}`);
    this.name = 'ApiError';
    this.errorCode = errorCode;
    this.description = description;
    this.parameters = parameters;
  }

  toResponse(): ApiFailure {
    const response: ApiFailure = { ok: false, error_code: this.errorCode, description: this.description };
    if (this.parameters !== undefined) response.parameters = this.parameters;
    return response;
  }
}

/** 400 `Bad Request: <detail>` */
export function badRequest(detail: string): ApiError {
  return new ApiError(400, `Bad Request: ${detail}`);
}

/** 403 `Forbidden: <detail>` */
export function forbidden(detail: string): ApiError {
  return new ApiError(403, `Forbidden: ${detail}`);
}

/** 409 `Conflict: <detail>` */
export function conflict(detail: string): ApiError {
  return new ApiError(409, `Conflict: ${detail}`);
}

/** 429 `Too Many Requests: retry after N` with `parameters.retry_after`. */
export function tooManyRequests(retryAfterSeconds: number): ApiError {
  return new ApiError(429, `Too Many Requests: retry after ${retryAfterSeconds}`, {
    retry_after: retryAfterSeconds,
  });
}

export const unauthorized = (): ApiError => new ApiError(401, 'Unauthorized');
export const methodNotFound = (): ApiError => new ApiError(404, 'Not Found: method not found');
