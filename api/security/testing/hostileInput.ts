/**
 * Hostile values for fuzzing the API: operator objects (MongoDB query selectors), prototype-pollution
 * keys, SQL-injection and script strings, spreadsheet formulas, very deep and very long values. They
 * are built with JSON.parse / defineProperty, so a `__proto__` key stays an ordinary own key (as it
 * arrives over HTTP) instead of changing a prototype inside the test.
 */
import fc from 'fast-check';

/** The JSON text of `depth` nested arrays around 0: `[[[0]]]`. */
export function deepArrayJson(depth: number): string {
  return '['.repeat(depth) + '0' + ']'.repeat(depth);
}

/**
 * Stands for a 10,000-deep array inside a template: JSON.stringify of such a value would exhaust the
 * test's own stack, so the JSON text is spliced in by `toJsonText`.
 */
export const DEEP = '\u0000deep-10000\u0000';

/** JSON text of a value, with every DEEP marker replaced by 10,000 nested arrays. */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value).split(JSON.stringify(DEEP)).join(deepArrayJson(10_000));
}

/** The JSON text of `depth` nested objects `{"a":{"a":…}}`. */
export function deepObjectJson(depth: number): string {
  return '{"a":'.repeat(depth) + '0' + '}'.repeat(depth);
}

export const SQL_INJECTION = ["' OR '1'='1", "' OR 1=1 --", "'; DROP TABLE users; --", '1; DELETE FROM audit_log', '" OR ""="', "x') UNION SELECT password_hash FROM users --"];
export const SCRIPT_PAYLOADS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "<svg onload=alert('xss')>", 'javascript:alert(1)', '</textarea><script>alert(1)</script>'];
export const FORMULA_PAYLOADS = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://evil.example","klick")', '+1+1', '-2+3', '@SUM(A1:A2)', '\t=1+1', '\r=1+1'];
export const OPERATOR_STRINGS = ['{"$gt":""}', '$where', '$ne', '{"$where":"sleep(1000)"}', '__proto__', 'constructor.prototype'];

/** Values that must be refused where a string or number is expected, and never act as a query operator. */
export function hostileValues(): unknown[] {
  return [
    { $gt: '' },
    { $ne: null },
    { $where: 'sleep(1000) || true' },
    { $regex: '.*' },
    { $in: ['a', 'b'] },
    ['$gt', ''],
    JSON.parse('{"__proto__":{"polluted":"yes"}}'),
    JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}}}'),
    DEEP,
    'x'.repeat(100_000),
    2 ** 53 + 2,
    -1,
    1.5,
    true,
    null,
    '',
    ...SQL_INJECTION,
    ...SCRIPT_PAYLOADS,
    ...FORMULA_PAYLOADS,
    ...OPERATOR_STRINGS,
  ];
}

export const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', '$where', '$gt', 'a.b', '', 'x'.repeat(500)];

/** Sets an own, enumerable property, also for `__proto__`. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

type Path = (string | number)[];

/** Paths of every value inside a JSON template (the root is []). */
function paths(value: unknown, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...at, i])));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...at, k]));
  return out;
}

const clone = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

/**
 * One mutation of a well-formed example body: a value replaced by a hostile one, or a hostile key
 * added to an object. Returns the JSON text to send.
 */
export function mutatedBody(template: unknown): fc.Arbitrary<string> {
  const all = paths(template).filter((p) => p.length > 0);
  const objects = paths(template).filter((p) => {
    const v = p.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], template);
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  });
  const values = hostileValues();
  const replace = fc.tuple(fc.constant('replace' as const), fc.nat({ max: Math.max(0, all.length - 1) }), fc.nat({ max: values.length - 1 }));
  const addKey = fc.tuple(fc.constant('add' as const), fc.nat({ max: Math.max(0, objects.length - 1) }), fc.nat({ max: values.length - 1 }), fc.constantFrom(...HOSTILE_KEYS));
  return fc.oneof(all.length > 0 ? replace : addKey, objects.length > 0 ? addKey : replace).map((m) => {
    const body = clone(template);
    const value = values[m[2]];
    if (m[0] === 'replace' && all.length > 0) {
      const path = all[m[1]]!;
      const parent = path.slice(0, -1).reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], body) as Record<string | number, unknown>;
      if (Array.isArray(parent)) parent[path.at(-1) as number] = value;
      else setOwn(parent, String(path.at(-1)), value);
    } else {
      const path = objects[m[1]] ?? [];
      const target = path.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], body) as Record<string, unknown>;
      setOwn(target, (m as [string, number, number, string])[3] ?? '__proto__', value);
    }
    return toJsonText(body);
  });
}

/** Random JSON documents of every shape (not only objects). */
export const randomJsonText: fc.Arbitrary<string> = fc.jsonValue({ maxDepth: 5 }).map((v) => JSON.stringify(v));

/** Random strings for URL path parameters, percent-encoded, including traversal and NUL. */
export const pathSegment: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 80 }).map(encodeURIComponent),
  fc.constantFrom('..%2F..%2Fetc%2Fpasswd', '%00', '%2e%2e', encodeURIComponent("' OR 1=1 --"), encodeURIComponent('{"$gt":""}'), 'x'.repeat(5000), '%E0%A4%A', '%'),
);

/**
 * Random query strings: known and unknown names, operator brackets, repeated keys, odd encodings;
 * `knownValues` (e.g. a real draw id) let some requests pass validation and reach the service.
 */
export function queryString(names: readonly string[], knownValues: readonly string[] = []): fc.Arbitrary<string> {
  const name = fc.oneof(fc.constantFrom(...names, '__proto__', 'constructor'), fc.string({ maxLength: 12 }).map(encodeURIComponent));
  const value = fc.oneof(
    ...(knownValues.length > 0 ? [fc.constantFrom(...knownValues.map(encodeURIComponent))] : []),
    fc.string({ maxLength: 40 }).map(encodeURIComponent),
    fc.constantFrom(...[...SQL_INJECTION, ...OPERATOR_STRINGS, ...SCRIPT_PAYLOADS].map(encodeURIComponent), '%', '%E0%A4%A', '-1', '1e309', '99999999999999999999'),
  );
  const pair = fc.oneof(
    fc.tuple(name, value).map(([k, v]) => `${k}=${v}`),
    fc.tuple(name, fc.constantFrom('$gt', '$ne', '$where', '__proto__'), value).map(([k, op, v]) => `${k}[${op}]=${v}`),
  );
  return fc.array(pair, { maxLength: 5 }).map((pairs) => pairs.join('&'));
}
