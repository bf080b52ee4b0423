import { expect } from 'chai';
import { parseCsv } from './parseCsv';
import { parseCsvColumns } from './parseCsvColumns';

const semicolon = { delimiter: ';', newline: '\n' } as const;

describe('parseCsvColumns', () => {
  it('reads a text as the header names and one array of fields per column', () => {
    expect(parseCsvColumns('id;x\nA;1,5\n\nB;2\n', semicolon)).to.deep.equal({ names: ['id', 'x'], fields: [['A', 'B'], ['1,5', '2']], size: 2 });
    expect(parseCsvColumns(' id ; "x" \r\n"A;1";" kept "\r\n', semicolon)).to.deep.equal({ names: ['id', 'x'], fields: [['A;1'], [' kept ']], size: 1 });
    expect(parseCsvColumns('id;x\n', semicolon)).to.deep.equal({ names: ['id', 'x'], fields: [[], []], size: 0 });
    expect(parseCsvColumns(' \n\n', semicolon)).to.equal(null);
  });

  it('gives the fields of parseCsv, column by column', () => {
    const text = 'id;"Straße;\r\nNr."\r\n\r\nA1;"x""y"\r\n B2 ;z\r\nC3;""';
    const { records } = parseCsv(text, semicolon);
    const columns = parseCsvColumns(text, semicolon)!;
    expect(columns.fields.map((_, k) => records.slice(1).map((r) => r[k]))).to.deep.equal(columns.fields);
    expect(columns.names).to.deep.equal(records[0]);
  });

  it('names the line and row of a record as wide as the header is not, and of a quoting error', () => {
    expect(() => parseCsvColumns('a;b\n1;2\n\n"3\n4"\n', semicolon)).to.throw(RangeError, /^line 4: row 2 has 1 fields, the header has 2$/);
    expect(() => parseCsvColumns('a;b\n1;2;3\n', semicolon)).to.throw(RangeError, /^line 2: row 1 has 3 fields, the header has 2$/);
    expect(() => parseCsvColumns('a;b\nx"y;z\n', semicolon)).to.throw(RangeError, /^line 2: a quote inside an unquoted field/);
  });
});
