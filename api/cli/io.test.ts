import { expect } from 'chai';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliError } from './command';
import { fileByteSource, readCsvColumns, readCsvFile, readFrameCsvFile } from './io';

describe('frame files for the CLI', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'cli-io-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a frame through the file source and its rows again by position', () => {
    const path = join(dir, 'frame.csv');
    writeFileSync(path, 'household_id;district;street\nH1;Lusan;Brüte 3\nH2;Bieblach;Am Wald 1\n');
    const frame = readFrameCsvFile(path, { id: 'household_id', stratum: 'district' });
    expect(frame.size).to.equal(2);
    expect(frame.rows([1, 0])).to.deep.equal([
      ['H2', 'Bieblach', 'Am Wald 1'],
      ['H1', 'Lusan', 'Brüte 3'],
    ]);
    expect(fileByteSource(path).size).to.equal(Buffer.byteLength('household_id;district;street\nH1;Lusan;Brüte 3\nH2;Bieblach;Am Wald 1\n'));
  });

  it('refuses to read rows again from a file changed after it was read', () => {
    const path = join(dir, 'frame.csv');
    writeFileSync(path, 'id,district\nA,X\nB,Y\n');
    const frame = readFrameCsvFile(path, { id: 'id', stratum: 'district' });
    writeFileSync(path, 'id,district\nA,X\nB,Z\nC,Y\n');
    expect(() => frame.rows([1])).to.throw(CliError, /frame\.csv' was changed while it was being read/);
    // Same size, other content: the modification time tells.
    writeFileSync(path, 'id,district\nA,X\nB,Y\n');
    const again = readFrameCsvFile(path, { id: 'id', stratum: 'district' });
    writeFileSync(path, 'id,district\nA,X\nB,Q\n');
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    expect(() => again.rows([0])).to.throw(CliError, /was changed while it was being read/);
  });

  it('names the file and line of a problem', () => {
    const path = join(dir, 'bad.csv');
    writeFileSync(path, 'id,district\nA,X\nB\n');
    expect(() => readFrameCsvFile(path, { id: 'id', stratum: 'district' })).to.throw(CliError, /frame file '.*bad\.csv': line 3: frame row 2 has 1 fields, the header has 2/);
    expect(() => readFrameCsvFile(join(dir, 'none.csv'), { id: 'id', stratum: 'district' })).to.throw(CliError, /none\.csv' does not exist/);
    expect(() => readFrameCsvFile(dir, { id: 'id', stratum: 'district' })).to.throw(CliError, /is not a file/);
  });
});

describe('CSV files for the CLI, as rows and as columns', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'cli-io-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the same fields as rows and as columns', () => {
    const path = join(dir, 'data.csv');
    writeFileSync(path, '\uFEFFhousehold_id;district;weight\r\nH1;Lusan;"12,5"\r\n\r\nH2; Bieblach ;7\r\n');
    const rows = readCsvFile(path, 'data file');
    const columns = readCsvColumns(path, 'data file');
    expect(columns).to.deep.equal({
      columns: ['household_id', 'district', 'weight'],
      values: { household_id: ['H1', 'H2'], district: ['Lusan', 'Bieblach'], weight: ['12,5', '7'] },
      numbers: {},
      size: 2,
      delimiter: ';',
    });
    expect(rows.rows).to.deep.equal([0, 1].map((i) => Object.fromEntries(columns.columns.map((c) => [c, columns.values[c][i]]))));
  });

  it('reads the columns asked for as numbers, or as text when one of their fields is not a number', () => {
    const path = join(dir, 'data.csv');
    writeFileSync(path, 'id,w,y,z\nA,12.5,1,x\nB,7,NA,2\n');
    const table = readCsvColumns(path, 'data file', ['w', 'y', 'z']);
    expect(table.values).to.deep.equal({ id: ['A', 'B'], z: ['x', '2'] });
    expect(table.numbers).to.deep.equal({ w: Float64Array.of(12.5, 7), y: Float64Array.of(1, NaN) });
  });

  it('names the file, line and row of a problem in the same words', () => {
    const write = (name: string, text: string | Buffer) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };
    const cases: [string, RegExp][] = [
      [write('short.csv', 'id,x\nA,1\n\nB\n'), /^data file '.*short\.csv' is not valid CSV: line 4: row 2 has 1 fields, the header has 2$/],
      [write('quote.csv', 'id,x\nA,1"\n'), /^data file '.*quote\.csv' is not valid CSV: line 2: a quote inside an unquoted field/],
      [write('empty.csv', '\n \n'), /^data file '.*empty\.csv' is empty \(no header row\)$/],
      [write('ansi.csv', Buffer.from([0x69, 0x64, 0x0a, 0xe4, 0x0a])), /^data file '.*ansi\.csv' is not UTF-8 text/],
      [join(dir, 'none.csv'), /^data file '.*none\.csv' does not exist$/],
    ];
    for (const [path, message] of cases) {
      expect(() => readCsvFile(path, 'data file'), path).to.throw(CliError, message);
      expect(() => readCsvColumns(path, 'data file'), path).to.throw(CliError, message);
    }
  });
});
