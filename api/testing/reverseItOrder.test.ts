import { expect } from 'chai';
import Mocha from 'mocha';
import { isOrderChecked, ORDER_CHECKED, reverseItOrder } from './reverseItOrder';

describe('reverseItOrder: the guard that every it stands alone', () => {
  it('reverses the tests and nested suites of a suite, all the way down', () => {
    const root = new Mocha.Suite('file');
    for (const title of ['a', 'b', 'c']) root.addTest(new Mocha.Test(title, () => {}));
    const inner = Mocha.Suite.create(root, 'inner');
    Mocha.Suite.create(root, 'second');
    for (const title of ['x', 'y']) inner.addTest(new Mocha.Test(title, () => {}));
    expect(reverseItOrder(root)).to.equal(5);
    expect(root.tests.map((t) => t.title)).to.deep.equal(['c', 'b', 'a']);
    expect(root.suites.map((s) => s.title)).to.deep.equal(['second', 'inner']);
    expect(inner.tests.map((t) => t.title)).to.deep.equal(['y', 'x']);
  });

  it('npm test loads it, and reverses exactly the files under ORDER_CHECKED', async () => {
    const { readFileSync } = await import('node:fs');
    const script = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts.test!;
    expect(script).to.contain('--require api/testing/reverseItOrder.ts');
    expect(isOrderChecked('sampling/neymanAllocation.test.ts')).to.equal(true);
    expect(isOrderChecked('api/samplingWorkflow/sampling.test.ts')).to.equal(true);
    expect(isOrderChecked('api/resilience/concurrency.test.ts')).to.equal(true);
    expect(isOrderChecked('survey-ui/test/i18n.test.ts')).to.equal(true);
    expect(isOrderChecked('survey-ui/test/i18n.test.tsx')).to.equal(false);
    expect(isOrderChecked('survey-ui/test/resident.browser.test.ts')).to.equal(false);
    for (const prefix of ORDER_CHECKED) expect(prefix, 'a folder or one test file').to.match(/\/$|\.test\.ts$/);
  });
});
