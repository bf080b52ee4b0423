import { expect } from 'chai';
import { generateFrame, type FrameRow } from '../fixtures/syntheticFrame';
import { cell, createRng, frameFingerprint, recordDraw, reproduceDraw, stratifiedSrswor, stratifiedSystematic, type SampledUnit } from './index';

/** Small frame: 3 strata with 10, 12 and 18 units (40 in all). */
function smallFrame(): { id: string; s: string; key: number }[] {
  const rows: { id: string; s: string; key: number }[] = [];
  const sizes: Record<string, number> = { A: 10, B: 12, C: 18 };
  for (const [s, N] of Object.entries(sizes)) for (let i = 0; i < N; i++) rows.push({ id: `${s}${String(i).padStart(2, '0')}`, s, key: (i * 7) % N });
  return rows;
}
const smallAllocation = { A: 3, B: 5, C: 4 };
const ids = (sample: SampledUnit<object>[], column = 'id') => sample.map((u) => String(cell(u.row, column))).sort();

function shuffled<T>(rows: readonly T[], seed: number): T[] {
  const rng = createRng(seed);
  const copy = rows.slice();
  for (let i = copy.length - 1; i > 0; i--) {
    const j = rng.uniformInt(i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

const methods = {
  srswor: (frame: readonly Record<string, unknown>[], seed: number, allocation: Record<string, number> = smallAllocation) =>
    stratifiedSrswor(frame, { id: 'id', stratum: 's', allocation, rng: createRng(seed) }),
  systematic: (frame: readonly Record<string, unknown>[], seed: number, allocation: Record<string, number> = smallAllocation) =>
    stratifiedSystematic(frame, { id: 'id', stratum: 's', sortKey: 'key', allocation, rng: createRng(seed) }),
};

for (const [name, draw] of Object.entries(methods)) {
  describe(`stratified ${name}`, () => {
    const frame = smallFrame();

    it('draws exactly n_h per stratum with π = n_h/N_h and weight N_h/n_h', () => {
      const sample = draw(frame, 42);
      for (const [s, n] of Object.entries(smallAllocation)) {
        const inStratum = sample.filter((u) => u.stratum === s);
        const N = frame.filter((r) => r.s === s).length;
        expect(inStratum).to.have.length(n);
        for (const u of inStratum) {
          expect(u.inclusionProbability).to.equal(n / N);
          expect(u.designWeight).to.equal(N / n);
          expect(u.row.s).to.equal(s);
        }
      }
      expect(new Set(ids(sample)).size).to.equal(12);
      expect(sample.map((u) => u.rowIndex)).to.deep.equal(sample.map((u) => u.rowIndex).sort((a, b) => a - b));
    });

    it('gives the same sample for the same seed, also when the rows are shuffled', () => {
      expect(ids(draw(frame, 42))).to.deep.equal(ids(draw(frame, 42)));
      expect(ids(draw(shuffled(frame, 5), 42))).to.deep.equal(ids(draw(frame, 42)));
    });

    it('gives different samples for different seeds', () => {
      const samples = new Set([1, 2, 3, 4, 5].map((seed) => ids(draw(frame, seed)).join()));
      expect(samples.size).to.be.at.least(4);
    });

    it('selects every unit with frequency within 4 standard errors of π over 2,000 draws', () => {
      const reps = 2000;
      const counts = new Map<string, number>();
      for (let seed = 1; seed <= reps; seed++) for (const u of draw(frame, seed)) counts.set(String(u.row.id), (counts.get(String(u.row.id)) ?? 0) + 1);
      for (const row of frame) {
        const N = frame.filter((r) => r.s === row.s).length;
        const pi = smallAllocation[row.s as keyof typeof smallAllocation] / N;
        const se = Math.sqrt((pi * (1 - pi)) / reps);
        expect(Math.abs((counts.get(row.id) ?? 0) / reps - pi), `unit ${row.id}`).to.be.below(4 * se);
      }
    });

    it('handles take-all and take-none strata', () => {
      const sample = draw(frame, 7, { A: 10, B: 0, C: 18 });
      expect(sample).to.have.length(28);
      expect(sample.every((u) => u.designWeight === 1)).to.equal(true);
    });

    it('names the problem in the allocation or frame', () => {
      expect(() => draw(frame, 1, { A: 3, B: 5, C: 4, D: 1 })).to.throw(RangeError, /stratum 'D', which does not occur in the frame/);
      // An empty stratum from the allocation step (N_h = 0, n_h = 0) is not in the frame and needs no units.
      expect(draw(frame, 1, { A: 3, B: 5, C: 4, Leer: 0 })).to.have.length(12);
      expect(() => draw(frame, 1, { A: 11, B: 5, C: 4 })).to.throw(RangeError, /stratum 'A' is 11, more than its N = 10/);
      expect(() => draw(frame, 1, { A: 1.5, B: 5, C: 4 })).to.throw(RangeError, /'A' must be a non-negative integer, got 1.5/);
      expect(() => draw(frame, 1, { A: 3, B: 5 })).to.throw(RangeError, /frame stratum 'C' \(N = 18\) has no allocation/);
      const duplicate = [...frame, { id: 'A03', s: 'B', key: 1 }];
      expect(() => draw(duplicate, 1)).to.throw(RangeError, /duplicate id 'A03' in column 'id': frame rows 4 and 41/);
      expect(() => draw([...frame, { id: '', s: 'A', key: 0 }], 1)).to.throw(RangeError, /frame row 41 has an empty id/);
    });
  });
}

describe('stratifiedSystematic', () => {
  it('spreads the sample over the sort key', () => {
    const frame = Array.from({ length: 100 }, (_, i) => ({ id: `u${String(99 - i).padStart(3, '0')}`, s: 'X', key: i }));
    const sample = stratifiedSystematic(frame, { id: 'id', stratum: 's', sortKey: 'key', allocation: { X: 10 }, rng: createRng(3) });
    const keys = sample.map((u) => u.row.key).sort((a, b) => a - b);
    expect(keys).to.have.length(10);
    // With interval 10 and start in [0, 10), exactly one unit falls in each block of ten keys.
    keys.forEach((k, j) => expect(Math.floor(k / 10)).to.equal(j));
    const gaps = keys.slice(1).map((k, j) => k - keys[j]);
    expect(gaps.every((g) => g === 10)).to.equal(true);
  });

  it('uses a fractional interval and still draws exactly n_h', () => {
    const frame = Array.from({ length: 37 }, (_, i) => ({ id: `u${i}`, s: 'X', key: i }));
    for (let seed = 0; seed < 50; seed++) {
      const sample = stratifiedSystematic(frame, { id: 'id', stratum: 's', sortKey: ['key'], allocation: { X: 5 }, rng: createRng(seed) });
      expect(new Set(sample.map((u) => u.row.id)).size).to.equal(5);
    }
  });

  it('spreads a Gera sample over postcodes in proportion to their size', () => {
    const frame = generateFrame({ seed: 11 });
    const stadt = frame.filter((r) => r.district === 'Gera-Ost');
    const sample = stratifiedSystematic(stadt, { id: 'household_id', stratum: 'district', sortKey: 'postcode', allocation: { 'Gera-Ost': 90 }, rng: createRng(1) });
    const byPostcode = (rows: readonly FrameRow[]) => rows.reduce<Record<string, number>>((m, r) => ((m[r.postcode] = (m[r.postcode] ?? 0) + 1), m), {});
    const population = byPostcode(stadt);
    const drawn = byPostcode(sample.map((u) => u.row));
    for (const [postcode, N] of Object.entries(population)) expect(Math.abs(drawn[postcode] - (90 * N) / stadt.length)).to.be.at.most(1);
  });

  it('rejects a missing sort column', () => {
    expect(() => stratifiedSystematic(smallFrame(), { id: 'id', stratum: 's', sortKey: 'street', allocation: smallAllocation, rng: createRng(1) })).to.throw(
      RangeError,
      /no sort column 'street'/,
    );
  });
});

describe('frameFingerprint and DrawRecord', () => {
  const frame = generateFrame({ households: 300, districts: 3, seed: 5 });
  const allocation = { Stadtmitte: 10, Debschwitz: 5, 'Gera-Ost': 0 };

  it('fingerprints content, not row or column order', () => {
    const reordered = shuffled(frame, 9).map((r) => Object.fromEntries(Object.entries(r).reverse()));
    expect(frameFingerprint(reordered)).to.equal(frameFingerprint(frame));
    expect(frameFingerprint(frame)).to.match(/^[0-9a-f]{64}$/);
    const changed = frame.map((r, i) => (i === 7 ? { ...r, street: 'Anderestraße' } : r));
    expect(frameFingerprint(changed)).to.not.equal(frameFingerprint(frame));
  });

  it('reproduces a recorded draw and refuses a different frame', () => {
    for (const method of ['srswor', 'systematic'] as const) {
      const { sample, record } = recordDraw(frame, {
        method,
        seed: 42,
        idColumn: 'household_id',
        stratumColumn: 'district',
        ...(method === 'systematic' ? { sortKey: ['postcode', 'street'] } : {}),
        allocation,
        timestamp: '2026-01-05T10:00:00Z',
      });
      expect(record.prng).to.match(/xoroshiro128\+/);
      expect(record.sampleIds).to.have.length(15);
      const again = reproduceDraw(record, shuffled(frame, 2));
      expect(again.map((u) => u.row.household_id).sort()).to.deep.equal(sample.map((u) => u.row.household_id).sort());
      expect(() => reproduceDraw(record, frame.slice(1))).to.throw(Error, /does not match the draw record/);
      expect(() => reproduceDraw({ ...record, sampleIds: ['H000001'] }, frame)).to.throw(Error, /differs from the recorded sample/);
    }
  });
});
