import { createHash } from 'node:crypto';
import type { PaperPage } from './types';

/**
 * JSON with object keys sorted and undefined members left out, so equal pages give equal text
 * whatever order their objects were built in.
 * @example canonicalJson({ b: 1, a: [true, null] }) // → '{"a":[true,null],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The layout hash of pages: first 8 hex digits of sha256 over their canonical JSON (keys sorted).
 * It is printed in every page's QR code, and the scan import refuses a page whose hash differs from
 * the layout it computes, so any change to what the layout produces must change the hash and any
 * change that does not must keep it.
 * Cost: O(size of the pages).
 * @example layoutHashOf([]) // → '4f53cda1'
 */
export function layoutHashOf(pages: readonly PaperPage[]): string {
  return createHash('sha256').update(canonicalJson(pages)).digest('hex').slice(0, 8);
}
