import { expect } from 'chai';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliError } from './command';
import { fileByteSource, readFrameCsvFile } from './io';

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
