import { expect } from 'chai';
import { CsvTextStream, parseCsv, parseCsvRecords, type CsvRecords } from './parseCsv';

const semicolon = { delimiter: ';', newline: '\n' } as const;
const records = (text: string, syntax: { delimiter: ';' | ','; newline: '\n' | '\r' } = semicolon) => parseCsv(text, syntax).records;

describe('parseCsv', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks; trims unquoted fields', () => {
    expect(parseCsv('a;b\n\n"x;1" ; 2\n', semicolon)).to.deep.equal({ records: [['a', 'b'], ['x;1', '2']], lines: [1, 3] });
    expect(records('id;note\r\n"H ""1""";"Weg 1\r\nHinterhaus"\r\n \u00a0B2\u00a0 ; " kept " \r\n')).to.deep.equal([
      ['id', 'note'],
      ['H "1"', 'Weg 1\r\nHinterhaus'],
      ['B2', ' kept '],
    ]);
    expect(records('a;b\nx;\n;\n')).to.deep.equal([['a', 'b'], ['x', ''], ['', '']]);
    expect(records('a,b\rc,d\r', { delimiter: ',', newline: '\r' })).to.deep.equal([['a', 'b'], ['c', 'd']]);
  });

  it('skips lines of blanks and counts lines across quoted line breaks', () => {
    const { records: rows, lines } = parseCsv('\n  \na;b\n"1\n2";3\n\t\nx;y', semicolon);
    expect(rows).to.deep.equal([['a', 'b'], ['1\n2', '3'], ['x', 'y']]);
    expect(lines).to.deep.equal([3, 4, 7]);
  });

  it('names the line of a quoting error', () => {
    expect(() => records('a;b\nx"y;z\n')).to.throw(RangeError, /^line 2: a quote inside an unquoted field/);
    expect(() => records('a;b\n"x"y;z\n')).to.throw(RangeError, /^line 2: unexpected text after the closing quote/);
    expect(() => records('a;b\n"x\n\n;z\n')).to.throw(RangeError, /^line 2: a quoted field is not closed/);
    expect(() => records('a;b\n"x\n\n" y;z\n')).to.throw(RangeError, /^line 4: unexpected text after the closing quote/);
  });

  it('leaves a record that may go on for the next part of the text', () => {
    const out: CsvRecords = { records: [], lines: [] };
    const cursor = { pos: 0, line: 1 };
    parseCsvRecords('a;b\nx;"1', semicolon, cursor, false, out);
    expect(out.records).to.deep.equal([['a', 'b']]);
    expect(cursor).to.deep.equal({ pos: 4, line: 2 });
    expect(parseCsv('a;b\nx;y\nz', semicolon, { partial: true }).records).to.deep.equal([['a', 'b'], ['x', 'y']]);
    expect(parseCsv('a;b\nx;y\nz;w\n', semicolon, { maxRecords: 2 }).records).to.deep.equal([['a', 'b'], ['x', 'y']]);
  });

  it('reads a text streamed in pieces cut anywhere as the whole text', () => {
    const text = 'id;"Straße;\r\nNr."\r\n\r\nA1;"x""y"\r\n B2 ;z\r\nC3;""';
    const whole = parseCsv(text, semicolon);
    for (let size = 1; size <= text.length; size++) {
      const out: CsvRecords = { records: [], lines: [] };
      const stream = new CsvTextStream(';');
      for (let k = 0; k < text.length; k += size) stream.push(text.slice(k, k + size), out);
      stream.end(out);
      expect(out, `pieces of ${size}`).to.deep.equal(whole);
    }
  });
});
