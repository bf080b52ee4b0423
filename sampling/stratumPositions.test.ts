import { expect } from 'chai';
import { generateFrame } from '../fixtures/syntheticFrame';
import { createRng, frameUnitsFromRecords, partialShuffle, rowsAtStratumPositions, stratifiedSrsworOfUnits, stratumSizesInIdOrder, type FrameUnits } from './index';

/** The partial Fisher–Yates shuffle written out on a full array (the definition the sparse form must follow). */
function denseShuffle(N: number, m: number, seed: number): number[] {
  const rng = createRng(seed);
  const positions = Array.from({ length: N }, (_, i) => i);
  for (let i = 0; i < m; i++) {
    const j = i + rng.uniformInt(N - i);
    [positions[i], positions[j]] = [positions[j], positions[i]];
  }
  return positions.slice(0, m);
}

describe('partialShuffle', () => {
  it('gives the same positions sparse (m ≪ N) and dense, for the same random numbers', () => {
    for (const [N, m] of [
      [1, 0],
      [1, 1],
      [10, 2],
      [10, 3],
      [10, 10],
      [1000, 7],
      [1000, 249],
      [1000, 250],
      [100000, 300],
    ]) {
      for (const seed of [1, 42, 4294967295]) {
        expect(Array.from(partialShuffle(N, m, createRng(seed))), `N = ${N}, m = ${m}, seed ${seed}`).to.deep.equal(denseShuffle(N, m, seed));
      }
    }
  });
});

describe('stratum positions in a frame in id order', () => {
  // Ids ascend in row order; strata interleave.
  const records = [
    { id: 'a', s: 'Ost' },
    { id: 'b', s: 'Nord' },
    { id: 'c', s: 'Ost' },
    { id: 'd', s: 'Ost' },
    { id: 'e', s: 'Nord' },
  ];
  const units = frameUnitsFromRecords(records, { id: 'id', stratum: 's' });

  it('counts stratum sizes in name order', () => {
    expect(stratumSizesInIdOrder(units)).to.deep.equal([
      { stratum: 'Nord', code: 1, size: 2 },
      { stratum: 'Ost', code: 0, size: 3 },
    ]);
  });

  it('finds the rows at positions of each stratum, in frame row order', () => {
    expect(Array.from(rowsAtStratumPositions(units, [Int32Array.of(2, 0), Int32Array.of(1)]))).to.deep.equal([0, 3, 4]);
    expect(Array.from(rowsAtStratumPositions(units, [undefined, [1, 0]]))).to.deep.equal([1, 4]);
    expect(Array.from(rowsAtStratumPositions(units, []))).to.deep.equal([]);
  });

  it('refuses positions outside a stratum, twice the same position, and frames not in id order', () => {
    expect(() => rowsAtStratumPositions(units, [Int32Array.of(3)])).to.throw(RangeError, /position 3 is not in stratum 'Ost' \(N = 3\)/);
    expect(() => rowsAtStratumPositions(units, [Int32Array.of(1, 1)])).to.throw(RangeError, /position 1 is given twice for stratum 'Ost'/);
    expect(() => rowsAtStratumPositions(units, [undefined, [0, 5]])).to.throw(RangeError, /position 5 is not in stratum 'Nord' \(N = 2\)/);
    const unordered = frameUnitsFromRecords(records.slice().reverse(), { id: 'id', stratum: 's' });
    expect(() => stratumSizesInIdOrder(unordered)).to.throw(RangeError, /ids ascend/);
    expect(() => rowsAtStratumPositions(unordered, [])).to.throw(RangeError, /ids ascend/);
  });

  it('lets SRSWOR draw the same sample as through sorted row lists', () => {
    const frame = generateFrame({ households: 4000, districts: 8, seed: 11 });
    const inIdOrder = frameUnitsFromRecords(frame, { id: 'household_id', stratum: 'district' });
    expect(inIdOrder.idsAscending).to.equal(true);
    // The same units, but not declared in id order: the draw sorts row lists instead.
    const sorted: FrameUnits = { ...inIdOrder, idsAscending: false };
    const sizes = stratumSizesInIdOrder(inIdOrder);
    for (const seed of [1, 2, 3]) {
      const allocation = Object.fromEntries(sizes.map(({ stratum, size }, k) => [stratum, k === 0 ? size : k === 1 ? 0 : Math.min(size, 5 + seed * k)]));
      const fast = stratifiedSrsworOfUnits(inIdOrder, { allocation, rng: createRng(seed) });
      expect(fast).to.deep.equal(stratifiedSrsworOfUnits(sorted, { allocation, rng: createRng(seed) }));
      expect(fast.length).to.equal(Object.values(allocation).reduce((a, b) => a + b, 0));
    }
  });
});
