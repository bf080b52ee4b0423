import { expect } from 'chai';
import { parseCsv } from './parseCsv';
import { parseCsvColumns } from './parseCsvColumns';

const semicolon = { delimiter: ';', newline: '\n' } as const;

describe('parseCsvColumns', () => {
  it('reads a text as the header names and one array of fields per column', () => {
    expect(parseCsvColumns('id;x\nA;1,5\n\nB;2\n', semicolon)).to.deep.equal({ names: ['id', 'x'], text: [['A', 'B'], ['1,5', '2']], numbers: [null, null], size: 2 });
    expect(parseCsvColumns(' id ; "x" \r\n"A;1";" kept "\r\n', semicolon)).to.deep.include({ names: ['id', 'x'], text: [['A;1'], [' kept ']], size: 1 });
    expect(parseCsvColumns('id;x\n', semicolon)).to.deep.include({ names: ['id', 'x'], text: [[], []], size: 0 });
    expect(parseCsvColumns(' \n\n', semicolon)).to.equal(null);
  });

  it('gives the fields of parseCsv, column by column', () => {
    const text = 'id;"Straße;\r\nNr."\r\n\r\nA1;"x""y"\r\n B2 ;z\r\nC3;""';
    const { records } = parseCsv(text, semicolon);
    const columns = parseCsvColumns(text, semicolon)!;
    expect(columns.names).to.deep.equal(records[0]);
    expect(columns.text).to.deep.equal(records[0].map((_, k) => records.slice(1).map((r) => r[k])));
  });

  it('reads the columns asked for as numbers, NaN for an empty field or NA, and gives up a column with anything else', () => {
    const text = 'id;w;y;z;q\nA;1.5;NA;1;" 2"\nB;-0;;1e3;2\nC; 7 ;"3";x;2\n';
    const columns = parseCsvColumns(text, semicolon, (name) => name !== 'id')!;
    expect(columns.text).to.deep.equal([['A', 'B', 'C'], null, null, null, null]);
    expect(columns.numbers.map((c) => (c === null ? null : Array.from(c)))).to.deep.equal([null, [1.5, -0, 7], [NaN, NaN, 3], null, null]);
    expect(Object.is(columns.numbers[1]![1], -0)).to.equal(true);
  });

  it('names the line and row of a record as wide as the header is not, and of a quoting error', () => {
    expect(() => parseCsvColumns('a;b\n1;2\n\n"3\n4"\n', semicolon)).to.throw(RangeError, /^line 4: row 2 has 1 fields, the header has 2$/);
    expect(() => parseCsvColumns('a;b\n1;2;3\n', semicolon)).to.throw(RangeError, /^line 2: row 1 has 3 fields, the header has 2$/);
    expect(() => parseCsvColumns('a;b\nx"y;z\n', semicolon)).to.throw(RangeError, /^line 2: a quote inside an unquoted field/);
  });
});
