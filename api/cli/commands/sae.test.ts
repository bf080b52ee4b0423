import { expect } from 'chai';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { repoRoot, runAll, runCli } from '../../testing/runCli';

/** Base-R reference (fixtures/r/sae/fayHerriot.R). */
const ref = JSON.parse(readFileSync(join(repoRoot, 'fixtures', 'r', 'sae', 'reference.json'), 'utf8'));
const rel = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));
const OUT_COLUMNS = 'area,direct,direct_se,fh,mse,gamma,synthetic,sampled';

/** A DIRECT.csv from a reference case: empty estimate and variance for areas without respondents. */
function directCsv(c: any, delimiter = ',', decimal = '.'): string {
  const covariates = (c.inputs.X_columns as string[]).slice(1).map((name) => name.replace(/[^A-Za-z0-9_]/g, '_'));
  const num = (x: number | null) => (x === null ? '' : String(x).replace('.', decimal));
  const lines = [['area', 'estimate', 'variance', ...covariates, 'ni'].join(delimiter)];
  c.inputs.area.forEach((area: string | number, i: number) => {
    lines.push([`A${area}`, num(c.inputs.y[i]), num(c.inputs.psi[i]), ...c.inputs.X[i].slice(1).map(num), String(100 + i)].join(delimiter));
  });
  return `${lines.join('\n')}\n`;
}

const covariatesOf = (c: any) => (c.inputs.X_columns as string[]).slice(1).map((name) => name.replace(/[^A-Za-z0-9_]/g, '_')).join(',');

describe('cli sae', function () {
  this.timeout(120000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'cli-sae-'));
    writeFileSync(join(dir, 'milk.csv'), directCsv(ref.milk_reml));
    writeFileSync(join(dir, 'milk-de.csv'), `\uFEFF${directCsv(ref.milk_reml, ';', ',')}`);
    writeFileSync(join(dir, 'milk-unsampled.csv'), directCsv(ref.milk_unsampled));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const base = (file: string, c: any) => ['sae', '--direct', join(dir, file), '--area', 'area', '--estimate', 'estimate', '--variance', 'variance', '--covariates', covariatesOf(c)];
  const read = (path: string) => parse(readFileSync(path, 'utf8'), { columns: true }) as Record<string, string>[];

  it('REML and ML on the milk data equal the R reference (EBLUP, MSE, γ; model card)', async () => {
    const [reml, ml, german] = await runAll([
      [...base('milk.csv', ref.milk_reml), '--method', 'reml', '--out', join(dir, 'reml.csv'), '--model', join(dir, 'reml.json')],
      [...base('milk.csv', ref.milk_ml), '--method', 'ml', '--out', join(dir, 'ml.csv'), '--model', join(dir, 'ml.json')],
      [...base('milk-de.csv', ref.milk_reml), '--method', 'reml', '--out', join(dir, 'reml-de.csv')],
    ]);
    for (const r of [reml, ml, german]) expect(r.code, r.stderr).to.equal(0);
    for (const [name, c] of [['reml', ref.milk_reml], ['ml', ref.milk_ml]] as const) {
      const text = readFileSync(join(dir, `${name}.csv`), 'utf8');
      expect(text.split('\n')[0]).to.equal(OUT_COLUMNS);
      const rows = read(join(dir, `${name}.csv`));
      expect(rows).to.have.length(43);
      rows.forEach((row, i) => {
        expect(row.area).to.equal(`A${i + 1}`);
        expect(rel(Number(row.fh), c.eblup[i]), `fh ${i + 1}`).to.be.at.most(1e-9);
        expect(rel(Number(row.mse), c.mse[i]), `mse ${i + 1}`).to.be.at.most(1e-9);
        expect(rel(Number(row.gamma), c.gamma[i]), `gamma ${i + 1}`).to.be.at.most(1e-9);
        expect(rel(Number(row.synthetic), c.synthetic[i]), `synthetic ${i + 1}`).to.be.at.most(1e-9);
        expect(Number(row.direct)).to.equal(c.inputs.y[i]);
        expect(rel(Number(row.direct_se), Math.sqrt(c.inputs.psi[i]))).to.be.at.most(1e-12);
        expect(row.sampled).to.equal('1');
      });
      const model = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8'));
      for (const key of ['sigma2u', 'beta', 'beta_se', 'iterations', 'converged', 'loglik', 'aic', 'bic', 'warnings']) expect(model, key).to.have.property(key);
      expect(rel(model.sigma2u, c.sigma2)).to.be.at.most(1e-9);
      model.beta.forEach((b: number, j: number) => expect(rel(b, c.beta[j])).to.be.at.most(1e-9));
      model.beta_se.forEach((s: number, j: number) => expect(rel(s, c.se[j])).to.be.at.most(1e-9));
      expect(model.iterations).to.equal(c.iterations);
      expect(model.converged).to.equal(true);
      expect(rel(model.loglik, c.loglik)).to.be.at.most(1e-9);
      expect(rel(model.aic, c.AIC)).to.be.at.most(1e-9);
      expect(rel(model.bic, c.BIC)).to.be.at.most(1e-9);
      expect(model.warnings).to.deep.equal([]);
    }
    // German dialect (';', decimal comma, BOM): the same numbers.
    expect(read(join(dir, 'reml-de.csv')).map((r) => r.fh)).to.deep.equal(read(join(dir, 'reml.csv')).map((r) => r.fh));
  });

  it('areas without respondents: synthetic fh, gamma 0, sampled 0, empty direct', async () => {
    const c = ref.milk_unsampled;
    const out = join(dir, 'unsampled.csv');
    const r = await runCli([...base('milk-unsampled.csv', c), '--method', 'reml', '--out', out]);
    expect(r.code, r.stderr).to.equal(0);
    const rows = read(out);
    for (const area of c.unsampled_areas as number[]) {
      const row = rows[area - 1];
      expect(row).to.include({ direct: '', direct_se: '', gamma: '0', sampled: '0' });
      expect(row.fh).to.equal(row.synthetic);
      expect(rel(Number(row.fh), c.eblup[area - 1])).to.be.at.most(1e-9);
      expect(rel(Number(row.mse), c.mse[area - 1])).to.be.at.most(1e-9);
    }
  });

  it('arcsine with bootstrap: reference back-transformation, same seed same MSE; benchmark stated in the model card', async () => {
    const c = ref.arcsine;
    const lines = ['area,share,variance,effective_n,x1,x2,population'];
    c.inputs.area.forEach((area: string | number, i: number) => {
      const p = c.share[i];
      const n = c.effective_n[i];
      lines.push([`S${area}`, p ?? '', p === null ? '' : (p * (1 - p)) / n, n ?? '', c.inputs.X[i][1], c.inputs.X[i][2], 1000 + 10 * i].join(','));
    });
    writeFileSync(join(dir, 'shares.csv'), `${lines.join('\n')}\n`);
    const args = (out: string, seed: string, extra: string[] = []) => [
      'sae', '--direct', join(dir, 'shares.csv'), '--area', 'area', '--estimate', 'share', '--variance', 'variance', '--covariates', 'x1,x2',
      '--method', 'reml', '--transform', 'arcsine', '--effective-n', 'effective_n', '--bootstrap', '50', '--seed', seed, '--out', join(dir, out), ...extra,
    ];
    const [a, b, other, bench] = await runAll([
      args('a.csv', '7'),
      args('b.csv', '7'),
      args('c.csv', '8'),
      args('bench.csv', '7', ['--benchmark', '0.3', '--shares', 'population', '--model', join(dir, 'bench.json')]),
    ]);
    for (const r of [a, b, other, bench]) expect(r.code, r.stderr).to.equal(0);
    const rowsA = read(join(dir, 'a.csv'));
    rowsA.forEach((row, i) => {
      expect(rel(Number(row.fh), c.estimate[i]), `fh ${row.area}`).to.be.at.most(1e-9);
      expect(rel(Number(row.synthetic), c.synthetic_bc[i]), `synthetic ${row.area}`).to.be.at.most(1e-9);
      expect(Number(row.mse)).to.be.above(0);
    });
    expect(readFileSync(join(dir, 'b.csv'), 'utf8')).to.equal(readFileSync(join(dir, 'a.csv'), 'utf8'));
    expect(read(join(dir, 'c.csv')).map((r) => r.mse)).to.not.deep.equal(rowsA.map((r) => r.mse));
    const model = JSON.parse(readFileSync(join(dir, 'bench.json'), 'utf8'));
    expect(model.benchmark.value).to.equal(0.3);
    const benched = read(join(dir, 'bench.csv'));
    const weights = c.inputs.area.map((_: unknown, i: number) => 1000 + 10 * i);
    const mean = benched.reduce((s, r, i) => s + Number(r.fh) * weights[i], 0) / weights.reduce((s: number, w: number) => s + w, 0);
    expect(mean).to.be.closeTo(0.3, 1e-12);
    expect(Number(benched[0].fh) / Number(rowsA[0].fh)).to.be.closeTo(model.benchmark.ratio, 1e-12);
  });

  it('bad input: exit 2, a message naming the area and column, no output file', async () => {
    const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
    write('neg.csv', 'area,estimate,variance,x\nA,1,0.1,1\nB,2,-0.2,2\nC,3,0.1,3\nD,2,0.1,1\n');
    write('nocov.csv', 'area,estimate,variance,x\nA,1,0.1,1\nB,2,0.2,\nC,3,0.1,3\nD,2,0.1,1\n');
    write('few.csv', 'area,estimate,variance,x\nA,1,0.1,1\nB,2,0.2,2\nC,,,3\n');
    write('half.csv', 'area,estimate,variance,x\nA,1,0.1,1\nB,2,,2\nC,3,0.1,3\nD,2,0.1,1\n');
    const cases: [string, string[], RegExp][] = [
      ['neg.csv', [], /area 'B', column 'variance': the variance must be positive, got -0.2/],
      ['nocov.csv', [], /area 'B', column 'x': the covariate value is missing/],
      ['few.csv', [], /2 areas have a direct estimate, too few for 2 model parameters/],
      ['half.csv', [], /area 'B', column 'variance': empty, but 'estimate' is given/],
      ['milk.csv', ['--max-iterations', '2'], /did not converge within 2 Fisher-scoring iterations/],
    ];
    const results = await runAll(
      cases.map(([file, extra], k) => [
        'sae', '--direct', join(dir, file), '--area', 'area', '--estimate', 'estimate', '--variance', 'variance',
        '--covariates', file === 'milk.csv' ? covariatesOf(ref.milk_reml) : 'x', '--method', 'reml', '--out', join(dir, `bad-${k}.csv`), '--model', join(dir, `bad-${k}.json`), ...extra,
      ]),
    );
    results.forEach((r, k) => {
      expect(r.code, cases[k][0]).to.equal(2);
      expect(r.stderr, cases[k][0]).to.match(cases[k][2]);
      expect(r.stderr).to.not.match(/\n\s+at /);
      expect(existsSync(join(dir, `bad-${k}.csv`))).to.equal(false);
      expect(existsSync(join(dir, `bad-${k}.json`))).to.equal(false);
    });
  });
});
