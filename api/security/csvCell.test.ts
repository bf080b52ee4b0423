import { expect } from 'chai';
import fc from 'fast-check';
import { formulaSafeCell } from '../../analysis';
import { isSpreadsheetSafe } from './testing/csvCell';
import { FORMULA_PAYLOADS } from './testing/hostileInput';

describe('formula-safe CSV cells (analysis/formulaSafeCell.ts against hostile input)', () => {
  it('prefixes every formula start with an apostrophe and leaves other text alone', () => {
    expect(FORMULA_PAYLOADS.map(formulaSafeCell)).to.deep.equal(FORMULA_PAYLOADS.map((f) => `'${f}`));
    expect(['Müller', "O'Brien", '07545', '<script>alert(1)</script>', ''].map(formulaSafeCell)).to.deep.equal(['Müller', "O'Brien", '07545', '<script>alert(1)</script>', '']);
  });

  it('for any text: the cell is spreadsheet-safe and the original is the cell without the added apostrophe', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom(...FORMULA_PAYLOADS).chain((f) => fc.string().map((s) => f + s))), (text) => {
        const cell = formulaSafeCell(text);
        expect(isSpreadsheetSafe(cell)).to.equal(true);
        expect(cell === text || cell === `'${text}`).to.equal(true);
      }),
      { numRuns: 500 },
    );
  });

  it('tells numbers (safe) from formulas that start like numbers', () => {
    expect(['-0.5', '-1', '+', '-2+3', '-1e5', '-0,5', '@x'].map(isSpreadsheetSafe)).to.deep.equal([true, true, false, false, true, true, false]);
  });
});
