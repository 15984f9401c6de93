/** How many problems a processing error lists before "… and N more". */
const MAX_LISTED = 20;

/**
 * A value as quoted in a processing error: a 1 MB name is not echoed whole, and an array
 * or object is not turned into text at all (String() of an array nested 10,000 deep
 * overflows the stack).
 */
export function clip(value: unknown, max = 100): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (Array.isArray(value)) text = '(an array)';
  else if (typeof value === 'object' && value !== null) text = '(an object)';
  else text = String(value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * The message of an entity rejected for `problems`: the first ones, each with its field
 * path, and how many more. The catalog keeps and shows this text, so a document with ten
 * thousand unknown fields must not make it megabytes long.
 */
export function invalidEntityMessage(
  kind: string,
  name: unknown,
  problems: { path: string; message: string }[],
): string {
  const listed = problems
    .slice(0, MAX_LISTED)
    .map(p => `${p.path}: ${p.message}`)
    .join('; ');
  const more =
    problems.length > MAX_LISTED
      ? `; … and ${problems.length - MAX_LISTED} more`
      : '';
  return `Invalid ${kind} '${clip(name)}': ${listed}${more}`;
}
