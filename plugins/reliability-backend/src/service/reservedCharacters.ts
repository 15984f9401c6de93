import { InputError } from '@backstage/errors';
import { encodeQueryComponent } from '@reliability-suite/plugin-reliability-common';

/** What express-openapi-validator says of a query value with a reserved character. */
const VALIDATOR_MESSAGE = /Parameter '([^']+)' must be url encoded/;

/** The values of `name` in a query string, as sent (still encoded). */
function rawValues(originalUrl: string, name: string): string[] {
  const query = originalUrl.split('?')[1]?.split('#')[0] ?? '';
  return query
    .split('&')
    .map(pair => pair.split('='))
    .filter(([key]) => safeDecode(key) === name)
    .map(([, ...value]) => value.join('='));
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * How to send a value the validator refused, spelt out: a plain `+` is ambiguous (a plus, or
 * a space as URLSearchParams and HTML forms write it), so both readings are given.
 */
export function reservedCharacterMessage(name: string, raw: string): string {
  const asPlus = safeDecode(raw);
  const send = (value: string) =>
    `${name}=${encodeQueryComponent(value)} for '${value}'`;
  if (!raw.includes('+')) {
    return `${name}: the value must be percent-encoded; send ${send(asPlus)}`;
  }
  const asSpace = safeDecode(raw.replace(/\+/g, '%20'));
  return `${name}: the value must be percent-encoded; send ${send(
    asSpace,
  )} (a space is %20, not +), or ${send(asPlus)}`;
}

/**
 * The validator's "must be url encoded" 400 made one that names the parameter and gives the
 * value as it must be sent; any other error as it is.
 */
export function withReservedCharacterMessage(
  error: unknown,
  originalUrl: string,
): unknown {
  const match =
    error instanceof Error &&
    error.name === 'InputError' &&
    VALIDATOR_MESSAGE.exec(error.message);
  if (!match) return error;
  const [raw] = rawValues(originalUrl, match[1]);
  // No cause: it would only repeat the validator's words after the precise ones.
  return raw === undefined
    ? error
    : new InputError(reservedCharacterMessage(match[1], raw));
}
