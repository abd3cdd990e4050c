// Field-level checks shared by the message and component validators (lengths, required text, URLs).
import type { ErrorPath, FormErrors } from './errors.ts';
import { isString, textLength, type UnknownRecord } from './json.ts';

export function optionalText(
  obj: UnknownRecord,
  key: string,
  max: number,
  path: ErrorPath,
  errors: FormErrors,
): string | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (!isString(value)) {
    errors.wrongType([...path, key], 'string');
    return undefined;
  }
  if (textLength(value) > max) errors.maxLength([...path, key], max);
  return value;
}

export function requiredText(
  obj: UnknownRecord,
  key: string,
  max: number,
  path: ErrorPath,
  errors: FormErrors,
): string | undefined {
  const value = obj[key];
  if (value === undefined || value === null || value === '') {
    errors.required([...path, key]);
    return undefined;
  }
  return optionalText(obj, key, max, path, errors);
}

export function validUrl(value: string, schemes: readonly string[]): boolean {
  try {
    const url = new URL(value);
    return schemes.includes(url.protocol) && (url.protocol === 'attachment:' || url.hostname.length > 0);
  } catch {
    return false;
  }
}

export function optionalUrl(
  obj: UnknownRecord,
  key: string,
  path: ErrorPath,
  errors: FormErrors,
  schemes: readonly string[] = ['http:', 'https:'],
): string | undefined {
  const value = optionalText(obj, key, 2048, path, errors);
  if (value === undefined) return undefined;
  if (!validUrl(value, schemes)) {
    errors.add([...path, key], 'URL_TYPE_INVALID_URL', 'Not a well formed URL.');
    return undefined;
  }
  return value;
}
