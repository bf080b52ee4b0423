import { expect } from 'chai';
import fc from 'fast-check';
import { idOrderOfBytes } from './idOrder';

/** Ids packed as the extractor keeps them: one byte arena and offsets. */
function arenaOf(ids: readonly string[]): { arena: Uint8Array; offset: Int32Array } {
  const encoded = ids.map((id) => new TextEncoder().encode(id));
  const offset = new Int32Array(ids.length + 1);
  encoded.forEach((bytes, i) => (offset[i + 1] = offset[i] + bytes.length));
  const arena = new Uint8Array(offset[ids.length]);
  encoded.forEach((bytes, i) => arena.set(bytes, offset[i]));
  return { arena, offset };
}

/** The order a stable comparison sort with JavaScript's `<` gives. */
const byComparison = (ids: readonly string[]) => ids.map((_, i) => i).sort((a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0));

describe('idOrderOfBytes', () => {
  it('orders like a stable comparison sort of the ids (ASCII), equal ids by row', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[0-9A-Za-z_-]{0,9}$/), { maxLength: 400 }), fc.boolean(), (distinct, withCopies) => {
        const ids = withCopies ? [...distinct, ...distinct.slice(0, 50)] : distinct;
        const { arena, offset } = arenaOf(ids);
        expect(Array.from(idOrderOfBytes(arena, offset, ids.length))).to.deep.equal(byComparison(ids));
      }),
      { numRuns: 300 },
    );
  });

  it('handles long common prefixes, prefixes of other ids and many rows', () => {
    const ids = Array.from({ length: 20_000 }, (_, k) => `HH-2026-${String((k * 7919) % 20_000).padStart(5, '0')}`);
    ids.push('HH-2026-', 'HH-2026-0', 'HH', '');
    const { arena, offset } = arenaOf(ids);
    expect(Array.from(idOrderOfBytes(arena, offset, ids.length))).to.deep.equal(byComparison(ids));
    expect(Array.from(idOrderOfBytes(arena, offset, 0))).to.deep.equal([]);
  });
});
