/**
 * Guards for values a caller hands to the MongoDB adapter before they go into a filter or an
 * update. In MongoDB an object in a value position is a query (`{ codeHash: { $gt: '' } }`
 * matches every code), so a non-string that slipped past route validation would widen a lookup
 * or an update. Every caller-supplied id, hash, key or name passes one of these, so the adapter
 * refuses such values itself instead of relying only on the zod schemas in front of the routes.
 * Cost: O(1) per value, O(n) for a list.
 */

/**
 * The value itself when it is a string.
 * @throws TypeError `<name> must be a string` for anything else (objects, arrays, numbers, null).
 * @example textValue('frameId', 'F-2026') // → 'F-2026'
 */
export function textValue(name: string, value: unknown): string {
  if (typeof value !== 'string') throw new TypeError(`${name} must be a string`);
  return value;
}

/**
 * The value when it is a string or null (nullable fields such as a survey link's household).
 * @throws TypeError `<name> must be a string or null` otherwise.
 * @example textOrNull('householdId', null) // → null
 */
export function textOrNull(name: string, value: unknown): string | null {
  if (value === null) return null;
  if (typeof value !== 'string') throw new TypeError(`${name} must be a string or null`);
  return value;
}

/**
 * Every element when all are strings (for `$in` lists built by the adapter).
 * @throws TypeError `<name> must be a list of strings` when the value is not an array or an element is not a string.
 * @example textValues('householdIds', ['H1', 'H2']) // → ['H1', 'H2']
 */
export function textValues(name: string, values: unknown): string[] {
  if (!Array.isArray(values) || !values.every((v) => typeof v === 'string')) throw new TypeError(`${name} must be a list of strings`);
  return [...(values as string[])];
}

/**
 * The value when it is a finite number.
 * @throws TypeError `<name> must be a finite number` otherwise (objects, numeric strings, NaN, ±Infinity).
 * @example numberValue('revision', 3) // → 3
 */
export function numberValue(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new TypeError(`${name} must be a finite number`);
  return value;
}

/**
 * The value when it is a boolean.
 * @throws TypeError `<name> must be true or false` otherwise.
 * @example booleanValue('disabled', false) // → false
 */
export function booleanValue(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new TypeError(`${name} must be true or false`);
  return value;
}
