import { expect } from 'chai';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { repoRoot, runCli } from '../../testing/runCli';


const fixtures = join(repoRoot, 'fixtures', 'analysis');
const reference = JSON.parse(readFileSync(join(repoRoot, 'fixtures', 'r', 'analysis', 'reference.json'), 'utf8')).gera;

describe('cli weights', function () {
  this.timeout(180000);
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'cli-weights-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const args = (out: string, calfun: string) => [
    'weights', '--data', join(fixtures, 'gera_respondents.csv'), '--id', 'household_id', '--strata', 'district',
    '--weight', 'design_weight', '--fpc', 'N_h', '--margins', join(fixtures, 'gera_margins.csv'), '--calfun', calfun,
    '--sample', join(fixtures, 'gera_sample.csv'), '--responded', 'responded', '--nr-cells', 'district,household_type', '--out', out,
  ];

  it('writes household_id,weight with the nonresponse-adjusted, raked weights of R', async () => {
    const out = join(dir, 'weights.csv');
    const [raking, linear] = await Promise.all([runCli(args(out, 'raking')), runCli(args(join(dir, 'lin.csv'), 'linear'))]);
    expect(raking.code, raking.stderr).to.equal(0);
    expect(linear.code, linear.stderr).to.equal(0);
    for (const [file, calfun] of [[out, 'raking'], [join(dir, 'lin.csv'), 'linear']] as const) {
      const text = readFileSync(file, 'utf8');
      expect(text.split('\n')[0]).to.equal('household_id,weight');
      const rows = parse(text, { columns: true }) as Record<string, string>[];
      expect(rows.map((r) => r.household_id)).to.deep.equal(reference.raking.ids);
      rows.forEach((r, i) => {
        const expected = reference[calfun].weights[i];
        expect(Math.abs(Number(r.weight) - expected) / expected, `${calfun} ${r.household_id}`).to.be.at.most(1e-9);
      });
    }
  });

  it('fails on a missing id column without writing output', async () => {
    const out = join(dir, 'w.csv');
    const result = await runCli(['weights', '--data', join(fixtures, 'gera_respondents.csv'), '--id', 'hh', '--weight', 'design_weight', '--out', out]);
    expect(result.code).to.equal(2);
    expect(result.stderr).to.match(/has no column 'hh'/);
    expect(existsSync(out)).to.equal(false);
  });
});
