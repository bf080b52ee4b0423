import { expect } from 'chai';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { repoRoot, runCli } from '../../testing/runCli';

const fixtures = join(repoRoot, 'fixtures', 'analysis');
const reference = JSON.parse(readFileSync(join(repoRoot, 'fixtures', 'r', 'analysis', 'reference.json'), 'utf8')).gera;

const rel = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));

describe('cli estimate', function () {
  this.timeout(180000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'cli-estimate-'));
    for (const f of ['gera_respondents.csv', 'gera_sample.csv', 'gera_margins.csv']) copyFileSync(join(fixtures, f), join(dir, f));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const base = () => ['--data', join(dir, 'gera_respondents.csv'), '--id', 'household_id', '--strata', 'district', '--weight', 'design_weight', '--fpc', 'N_h'];

  it('full pipeline (nonresponse adjustment + raking + by district) equals R', async () => {
    const out = join(dir, 'estimates.csv');
    const vars = reference.vars as string[];
    const result = await runCli([
      'estimate', ...base(), '--vars', vars.join(','), '--by', 'district',
      '--margins', join(dir, 'gera_margins.csv'), '--calfun', 'raking',
      '--sample', join(dir, 'gera_sample.csv'), '--responded', 'responded', '--nr-cells', 'district,household_type', '--out', out,
    ]);
    expect(result.stderr).to.equal('');
    expect(result.code).to.equal(0);
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n')[0]).to.equal('scope,domain,variable,estimate,se,ci_low,ci_high,n');
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows).to.have.length(vars.length * 13);
    expect(rows.slice(0, vars.length).map((r) => [r.scope, r.domain, r.variable])).to.deep.equal(vars.map((v) => ['overall', '', v]));
    const check = (row: Record<string, string>, e: any) => {
      expect(rel(Number(row.estimate), e.estimate), `${row.domain} ${row.variable} estimate`).to.be.at.most(1e-9);
      expect(rel(Number(row.se), e.se), `${row.domain} ${row.variable} se`).to.be.at.most(1e-8);
      expect(rel(Number(row.ci_low), e.ci_low), `${row.domain} ${row.variable} ci_low`).to.be.at.most(1e-9);
      expect(rel(Number(row.ci_high), e.ci_high), `${row.domain} ${row.variable} ci_high`).to.be.at.most(1e-9);
      expect(Number(row.n)).to.equal(e.n);
    };
    for (const e of reference.raking.overall) check(rows.find((r) => r.scope === 'overall' && r.variable === e.variable)!, e);
    for (const e of reference.raking.by_district) {
      check(rows.find((r) => r.scope === 'district' && r.domain === e.domain && r.variable === e.variable)!, e);
    }
  });

  it('without sample and margins equals R on design weights only', async () => {
    const out = join(dir, 'plain.csv');
    const result = await runCli(['estimate', ...base(), '--vars', 'satisfaction,needs_counselling', '--out', out]);
    expect(result.code, result.stderr).to.equal(0);
    const rows = parse(readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.variable)).to.deep.equal(['satisfaction', 'needs_counselling']);
    for (const row of rows) {
      const e = reference.design_only.overall.find((x: any) => x.variable === row.variable);
      expect(rel(Number(row.estimate), e.estimate)).to.be.at.most(1e-9);
      expect(rel(Number(row.se), e.se)).to.be.at.most(1e-8);
    }
  });

  it('a variable that is also the domain keeps its labels as written', async () => {
    const data = join(dir, 'labels.csv');
    writeFileSync(data, 'household_id,district,design_weight,N_h,children\na,X,5,10,1.0\nb,X,5,10,2\nc,X,5,10,1.0\nd,X,5,10,\n');
    const out = join(dir, 'labels-out.csv');
    const result = await runCli(['estimate', '--data', data, '--id', 'household_id', '--strata', 'district', '--weight', 'design_weight', '--fpc', 'N_h', '--vars', 'children', '--by', 'children', '--out', out]);
    expect(result.code, result.stderr).to.equal(0);
    const rows = parse(readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.scope, r.domain, Number(r.estimate), Number(r.n)])).to.deep.equal([
      ['overall', '', 4 / 3, 3],
      ['children', '1.0', 1, 2],
      ['children', '2', 2, 1],
    ]);
  });

  it('reads quoted answers with blanks as the estimators always did: " " is missing, " 3" is 3', async () => {
    const data = join(dir, 'quoted.csv');
    writeFileSync(data, 'household_id,district,design_weight,N_h,y\na,X,5,10,1\nb,X,5,10," 3"\nc,X,5,10," "\nd,X,"5",10,NA\n');
    const out = join(dir, 'quoted-out.csv');
    const result = await runCli(['estimate', '--data', data, '--id', 'household_id', '--strata', 'district', '--weight', 'design_weight', '--fpc', 'N_h', '--vars', 'y', '--out', out]);
    expect(result.code, result.stderr).to.equal(0);
    const rows = parse(readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [Number(r.estimate), Number(r.n)])).to.deep.equal([[2, 2]]);
  });

  describe('bad arguments or data: message on stderr, exit code ≠ 0, no output file', () => {
    const write = (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };
    const resp = () => readFileSync(join(dir, 'gera_respondents.csv'), 'utf8');
    const cases: [string, () => string[], RegExp][] = [
      ['missing --vars', () => [...base()], /missing required option --vars/],
      ['missing --weight', () => ['--data', join(dir, 'gera_respondents.csv'), '--id', 'household_id', '--vars', 'satisfaction'], /missing required option --weight/],
      ['unknown calfun', () => [...base(), '--vars', 'satisfaction', '--margins', join(dir, 'gera_margins.csv'), '--calfun', 'logit'], /unknown --calfun 'logit'/],
      ['missing column', () => [...base(), '--vars', 'satisfaction,income'], /has no column 'income'/],
      ['non-numeric variable', () => ['--data', write('text.csv', 'household_id,district,design_weight,N_h,y\na,X,5,10,1\nb,X,5,10,drei\n'), '--id', 'household_id', '--strata', 'district', '--weight', 'design_weight', '--fpc', 'N_h', '--vars', 'y'], /line 3, column 'y': 'drei' is not a number/],
      ['negative weight', () => ['--data', write('neg.csv', 'household_id,district,design_weight,N_h,y\na,X,-2,10,1\nb,X,2,10,0\n'), '--id', 'household_id', '--strata', 'district', '--weight', 'design_weight', '--fpc', 'N_h', '--vars', 'y'], /line 2, column 'design_weight': the design weight must be positive, got '-2'/],
      ['non-numeric weight', () => ['--data', write('nan.csv', 'household_id,district,design_weight,N_h,y\na,X,zwei,10,1\nb,X,2,10,0\n'), '--id', 'household_id', '--strata', 'district', '--weight', 'design_weight', '--fpc', 'N_h', '--vars', 'y'], /'zwei' is not a number/],
      ['margins with unknown variable', () => [...base(), '--vars', 'satisfaction', '--margins', write('m1.csv', 'variable,category,total\nquarter,A,100\n'), '--calfun', 'raking'], /margin variable 'quarter' is not a column/],
      ['margin category absent in data', () => [...base(), '--vars', 'satisfaction', '--margins', write('m2.csv', readFileSync(join(dir, 'gera_margins.csv'), 'utf8') + 'household_type,grandparents,10\n'), '--calfun', 'raking'], /'grandparents' of 'household_type' .* has no sample units/],
      ['inconsistent margins', () => [...base(), '--vars', 'satisfaction', '--margins', write('m3.csv', readFileSync(join(dir, 'gera_margins.csv'), 'utf8').replace(/("couple",)(\d+)/, (_m, a, b) => a + (Number(b) + 100))), '--calfun', 'linear'], /margins disagree on the population size/],
      ['id not in the sample', () => ['--data', write('extra.csv', resp() + 'X99999,Stadtmitte,couple,6.68202764976959,1450,1,0,3,10\n'), '--id', 'household_id', '--strata', 'district', '--weight', 'design_weight', '--fpc', 'N_h', '--vars', 'satisfaction', '--sample', join(dir, 'gera_sample.csv'), '--nr-cells', 'district,household_type'], /id 'X99999' is not in the sample file/],
      ['respondent marked as nonrespondent', () => ['--data', join(dir, 'gera_respondents.csv'), '--id', 'household_id', '--strata', 'district', '--weight', 'design_weight', '--fpc', 'N_h', '--vars', 'satisfaction', '--sample', write('s0.csv', readFileSync(join(dir, 'gera_sample.csv'), 'utf8').replace('1450,1\n', '1450,0\n')), '--nr-cells', 'district,household_type'], /has responded = 0/],
      ['lonely stratum', () => ['--data', write('lonely.csv', 'household_id,district,design_weight,N_h,y\na,X,5,10,1\nb,X,5,10,0\nc,Y,7,7.5,1\n'), '--id', 'household_id', '--strata', 'district', '--weight', 'design_weight', '--fpc', 'N_h', '--vars', 'y'], /stratum 'Y' has only one sampled unit/],
    ];
    it('all rejected with a clear message', async () => {
      const results = [];
      for (let i = 0; i < cases.length; i += 4) {
        results.push(...(await Promise.all(cases.slice(i, i + 4).map(async ([name, args]) => {
          const out = join(dir, `bad-${name.replace(/\W+/g, '-')}.csv`);
          return { name, out, result: await runCli(['estimate', ...args(), '--out', out]) };
        }))));
      }
      results.forEach(({ name, out, result }, i) => {
        expect(result.code, `${name}: ${result.stderr}`).to.not.equal(0);
        expect(result.stderr, name).to.match(cases[i][2]);
        expect(existsSync(out), `${name}: output written`).to.equal(false);
      });
    });
  });
});
