import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { runCli, repoRoot } from '../../testing/runCli';

const fixture = (name: string) => join(repoRoot, 'fixtures', 'questionnaires', name);
const v2 = join(repoRoot, 'api', 'questionnaire', 'family-life-quality.v2.json');
const lines = (text: string) => text.split('\n').filter((l) => l !== '');

describe('cli questionnaire', function () {
  this.timeout(120_000);
  let dir: string;
  const cli = (args: string[]) => runCli(['questionnaire', ...args], { MONGODB_URI: '', DATA_DIR: dir });
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'cli-questionnaire-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('check: exit 0 for acceptable files (warnings on stderr), exit 2 with one line per problem naming question and JSON path', async () => {
    const ok = await cli(['check', v2]);
    expect(ok.code, ok.stderr).to.equal(0);
    expect(ok.stdout).to.equal('');
    expect(ok.stderr).to.contain('accepted (60 questions, languages de, en)');
    const small = await cli(['check', fixture('small-valid.json')]);
    expect(small.code).to.equal(0);
    expect(small.stderr).to.contain('warning: - $: Kein Indikator liest diesen Fragebogen. / No indicator reads this questionnaire.');

    const types = await cli(['check', fixture('unsupported-types.json')]);
    expect(types.code).to.equal(2);
    expect(lines(types.stdout).map((l) => l.split(':')[0])).to.deep.equal([
      'birth_certificate $.pages[0].elements[1].type',
      'signature $.pages[0].elements[2].type',
      'mood $.pages[0].elements[3].type',
    ]);
    // Captured (not a terminal), stderr carries the same lines as the error.
    expect(lines(types.stderr).map((l) => l.replace(/^questionnaire: /, ''))).to.deep.equal(lines(types.stdout));
    expect(types.stderr).to.not.contain('    at ');

    const english = await cli(['check', fixture('missing-english.json')]);
    expect(english.code).to.equal(2);
    expect(lines(english.stdout)).to.deep.equal([
      'has_garden $.pages[0].elements[0].choices[1].text: Es fehlt der Text auf Englisch. / The English text is missing.',
      'garden_wish $.pages[0].elements[1].title: Es fehlt der Text auf Englisch. / The English text is missing.',
      'garden_wish $.pages[0].elements[1].description: Es fehlt der Text auf Englisch. / The English text is missing.',
    ]);
    for (const [file, count] of [['malformed.json', 1], ['limesurvey-export.json', 1], ['bad-expressions.json', 5]] as const) {
      const res = await cli(['check', fixture(file)]);
      expect(res.code, file).to.equal(2);
      expect(lines(res.stdout), file).to.have.length(count);
      expect(res.stderr, file).to.not.contain('unexpected error').and.not.contain('Invalid expression');
    }
    const missing = await cli(['check', join(dir, 'none.json')]);
    expect(missing.code).to.equal(2);
    expect(missing.stderr).to.contain('no such file');
  });

  it('import, list and diff: v2 becomes version 2 beside the stored v1, a new id starts at 1, the diff flags the trend break', async () => {
    const listed = await cli(['list']);
    expect(listed.code, listed.stderr).to.equal(0);
    expect(listed.stdout).to.equal('id,version,status,questions\nfamily-life-quality,1,published,59\n');

    const imported = await cli(['import', v2, '--id', 'family-life-quality']);
    expect(imported.code, imported.stderr).to.equal(0);
    expect(imported.stdout).to.equal('family-life-quality,2\n');
    const other = await cli(['import', fixture('small-valid.json'), '--id', 'playgrounds', '--publish']);
    expect(other.stdout).to.equal('playgrounds,1\n');
    const refused = await cli(['import', fixture('missing-english.json'), '--id', 'playgrounds']);
    expect(refused.code).to.equal(2);
    expect(lines(refused.stdout)).to.have.length(3);

    expect((await cli(['list'])).stdout).to.equal(
      'id,version,status,questions\nfamily-life-quality,1,published,59\nfamily-life-quality,2,draft,60\nplaygrounds,1,published,3\n',
    );
    const diff = await cli(['diff', 'family-life-quality@1', 'family-life-quality@2']);
    expect(diff.code, diff.stderr).to.equal(0);
    const rows = lines(diff.stdout);
    expect(rows[0]).to.equal('change,question,detail');
    expect(rows[1]).to.match(/^added,commute_minutes,/);
    expect(rows[2]).to.match(/^choices-changed,moving_intention,".*value 6 \(""Yes, further away""\) added; trend break: moving_away_intention"$/);
    const back = await cli(['diff', 'family-life-quality@2', 'family-life-quality@1']);
    expect(lines(back.stdout).map((r) => r.split(',').slice(0, 2).join(','))).to.deep.equal(['change,question', 'choices-changed,moving_intention', 'removed,commute_minutes']);
  });

  it('refuses missing arguments, unknown versions and bad ids with exit 2 and no stack trace', async () => {
    const file = join(dir, 'v.json');
    writeFileSync(file, '{}');
    for (const args of [['import', v2], ['import', v2, '--id', 'Not An Id'], ['diff', 'family-life-quality@1'], ['diff', 'family-life-quality@1', 'family-life-quality@9'], ['diff', 'a', 'b'], ['frob'], []]) {
      const res = await cli(args);
      expect(res.code, args.join(' ')).to.equal(2);
      expect(res.stderr, args.join(' ')).to.not.contain('    at ');
    }
  });
});
