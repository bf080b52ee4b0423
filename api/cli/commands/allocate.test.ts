import { expect } from 'chai';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, runCli, runAll } from '../../testing/runCli';


function parseCsv(text: string): string[][] {
  return text.trim().split('\n').map((line) => line.split(','));
}

describe('cli allocate', function () {
  this.timeout(120000);
  let dir: string;
  const file = (name: string, content?: string) => {
    const path = join(dir, name);
    if (content !== undefined) writeFileSync(path, content);
    return path;
  };

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'cli-allocate-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes stratum,N,exact,allocation in input order for every method', async () => {
    const strata = file('strata.csv', 'stratum,N,S\nZ-last,600,1\nA-first,400,2\nLeer,0,1\n');
    const expected: Record<string, string[][]> = {
      proportional: [['Z-last', '600', '6.6', '7'], ['A-first', '400', '4.4', '4'], ['Leer', '0', '0', '0']],
      equal: [['Z-last', '600', '5.5', '6'], ['A-first', '400', '5.5', '5'], ['Leer', '0', '0', '0']],
      neyman: [['Z-last', '600', '4.714285714285714', '5'], ['A-first', '400', '6.285714285714286', '6'], ['Leer', '0', '0', '0']],
    };
    const results = await runAll(Object.keys(expected).map((method) => ['allocate', '--strata', strata, '--n', '11', '--method', method, '--out', file(`${method}.csv`)]));
    Object.keys(expected).forEach((method, i) => {
      expect(results[i].code, results[i].stderr).to.equal(0);
      const rows = parseCsv(readFileSync(file(`${method}.csv`), 'utf8'));
      expect(rows[0]).to.deep.equal(['stratum', 'N', 'exact', 'allocation']);
      expect(rows.slice(1)).to.deep.equal(expected[method]);
    });
  });

  it('matches the R reference for power allocation (q = 0.5) on the Gera strata, with ; and BOM input', async () => {
    const reference = JSON.parse(readFileSync(join(repoRoot, 'fixtures/r/sampling/allocation-reference.json'), 'utf8')) as {
      cases: { set: string; method: string; q: number | null; strata: string[]; N: number[]; S: number[]; exact: number[]; allocation: number[] }[];
    };
    const c = reference.cases.find((x) => x.set === 'gera-3000' && x.method === 'power' && x.q === 0.5);
    if (!c) throw new Error('reference case gera-3000 power q=0.5 missing');
    const csv = '\uFEFFstratum;N;S\n' + c.strata.map((s, h) => `${s};${c.N[h]};${c.S[h]}`).join('\n') + '\n';
    const out = file('alloc.csv');
    const result = await runCli(['allocate', '--strata', file('gera.csv', csv), '--n', '3000', '--method', 'power', '--q', '0.5', '--out', out]);
    expect(result.code, result.stderr).to.equal(0);
    const rows = parseCsv(readFileSync(out, 'utf8')).slice(1);
    expect(rows.map((r) => r[0])).to.deep.equal(c.strata);
    rows.forEach((r, h) => {
      expect(Math.abs(Number(r[2]) - c.exact[h])).to.be.at.most(1e-9 * c.exact[h]);
      expect(Number(r[3])).to.equal(c.allocation[h]);
    });
    expect(rows.reduce((s, r) => s + Number(r[3]), 0)).to.equal(3000);
  });

  it('applies --min and --max with reallocation', async () => {
    const strata = file('strata.csv', 'stratum,N\nbig,5000\nmid,300\nsmall,120\ntiny,20\n');
    const out = file('alloc.csv');
    const result = await runCli(['allocate', '--strata', strata, '--n', '500', '--method', 'proportional', '--min', '30', '--max', '200', '--out', out]);
    expect(result.code, result.stderr).to.equal(0);
    const rows = parseCsv(readFileSync(out, 'utf8')).slice(1);
    // tiny is smaller than --min and is taken completely; big is capped at --max; the rest share 280 by N.
    expect(rows.map((r) => Number(r[3]))).to.deep.equal([200, 200, 80, 20]);
    expect(Number(rows[1][2])).to.be.closeTo(200, 1e-9);
  });

  it('rejects bad arguments and data with a message, exit code ≠ 0 and no output file', async () => {
    const good = file('good.csv', 'stratum,N\nA,100\nB,50\n');
    const cases: [string, string[], RegExp][] = [
      ['missing --n', ['--strata', good, '--method', 'equal'], /missing required option --n/],
      ['missing --strata', ['--n', '10', '--method', 'equal'], /missing required option --strata/],
      ['unknown method', ['--strata', good, '--n', '10', '--method', 'optimal'], /unknown --method 'optimal'/],
      ['file missing', ['--strata', join(dir, 'nope.csv'), '--n', '10', '--method', 'equal'], /nope\.csv' does not exist/],
      ['missing column', ['--strata', file('noN.csv', 'stratum,size\nA,1\n'), '--n', '1', '--method', 'equal'], /has no column 'N'/],
      ['neyman without S', ['--strata', good, '--n', '10', '--method', 'neyman'], /needs a column 'S'/],
      ['bad --n', ['--strata', good, '--n', 'ten', '--method', 'equal'], /--n must be a number, got 'ten'/],
      ['fractional --n', ['--strata', good, '--n', '10.5', '--method', 'equal'], /--n must be a non-negative integer/],
      ['bad N cell', ['--strata', file('badN.csv', 'stratum,N\nA,100\nB,fünfzig\n'), '--n', '10', '--method', 'equal'], /line 3, column N: 'fünfzig' is not a non-negative integer/],
      ['negative N', ['--strata', file('negN.csv', 'stratum,N\nA,-5\n'), '--n', '1', '--method', 'equal'], /line 2, column N: '-5'/],
      ['bad S cell', ['--strata', file('badS.csv', 'stratum,N,S\nA,100,x\n'), '--n', '10', '--method', 'neyman'], /line 2, column S: 'x'/],
      ['n > ΣN', ['--strata', good, '--n', '151', '--method', 'proportional'], /n = 151 exceeds the population \(ΣN_h = 150\)/],
      ['duplicate stratum', ['--strata', file('dup.csv', 'stratum,N\nA,10\nA,20\n'), '--n', '5', '--method', 'equal'], /stratum 'A' appears more than once/],
      ['q outside [0, 1]', ['--strata', good, '--n', '10', '--method', 'power', '--q', '1.5'], /--q must lie in \[0, 1\]/],
      ['infeasible min', ['--strata', good, '--n', '10', '--method', 'equal', '--min', '6'], /minimums add up to 12, more than the sample size n = 10/],
      ['empty file', ['--strata', file('empty.csv', ''), '--n', '1', '--method', 'equal'], /empty/],
      ['unknown option', ['--strata', good, '--n', '10', '--method', 'equal', '--sample', '3'], /Unknown option '--sample'/],
    ];
    const results = await runAll(cases.map(([, args], i) => ['allocate', ...args, '--out', join(dir, `out-${i}.csv`)]));
    cases.forEach(([name, , message], i) => {
      expect(results[i].code, name).to.not.equal(0);
      expect(results[i].stderr, name).to.match(message);
      expect(existsSync(join(dir, `out-${i}.csv`)), `${name}: no output file`).to.equal(false);
    });
  });
});
