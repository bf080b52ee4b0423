import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import { resultsToCsv } from './resultsCsv';

const columns = ['scope', 'domain', 'variable', 'estimate', 'se'];
const rows = [
  ['overall', '', 'needs_childcare', 0.4242358819655788, 0.0143898254437856],
  ['district', 'Lusan-Brüte', '=HYPERLINK("x")', -0.5, 1e-7],
  ['district', '+49 365', '@SUM(A1)', NaN, null],
  ['district', '-Gera; "Süd"', '\tTab', 1234567.25, 3],
  ['district', '\rCR', 'plain, text', 0, undefined],
];

describe('resultsToCsv', () => {
  it('standard dialect round-trips through csv-parse; formulas neutralised, numbers untouched', () => {
    const text = resultsToCsv(columns, rows, 'standard');
    expect(text.startsWith('scope,domain')).to.equal(true);
    const back = parse(text, { relax_column_count: false }) as string[][];
    expect(back[0]).to.deep.equal(columns);
    expect(back[1]).to.deep.equal(['overall', '', 'needs_childcare', '0.4242358819655788', '0.0143898254437856']);
    expect(back[2]).to.deep.equal(['district', 'Lusan-Brüte', `'=HYPERLINK("x")`, '-0.5', '1e-7']);
    expect(back[3]).to.deep.equal(['district', "'+49 365", "'@SUM(A1)", '', '']);
    expect(back[4]).to.deep.equal(['district', `'-Gera; "Süd"`, "'\tTab", '1234567.25', '3']);
    expect(back[5]).to.deep.equal(['district', "'\rCR", 'plain, text', '0', '']);
    expect(Number(back[1][3])).to.equal(0.4242358819655788);
  });

  it('excel-de: BOM, semicolons, decimal commas, CRLF; round-trips', () => {
    const text = resultsToCsv(columns, rows, 'excel-de');
    expect(text.charCodeAt(0)).to.equal(0xfeff);
    expect(text).to.contain('\r\n');
    const back = parse(text, { bom: true, delimiter: ';' }) as string[][];
    expect(back[0]).to.deep.equal(columns);
    expect(back[1]).to.deep.equal(['overall', '', 'needs_childcare', '0,4242358819655788', '0,0143898254437856']);
    expect(back[2].slice(2)).to.deep.equal([`'=HYPERLINK("x")`, '-0,5', '1e-7']);
    expect(back[4]).to.deep.equal(['district', `'-Gera; "Süd"`, "'\tTab", '1234567,25', '3']);
    expect(Number(back[1][3].replace(',', '.'))).to.equal(0.4242358819655788);
  });

  it('rejects ragged rows and unknown dialects', () => {
    expect(() => resultsToCsv(['a', 'b'], [['x']])).to.throw(/row 1 has 1 cells, the header has 2/);
    expect(() => resultsToCsv(['a'], [], 'excel-fr' as never)).to.throw(/unknown CSV dialect/);
  });
});
