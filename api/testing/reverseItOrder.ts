/**
 * Runs the `it` blocks of a suite in reverse order, and its sibling `describe` blocks too, so a
 * test that needs the `it` before it fails instead of passing by luck. Loaded as a mocha root hook
 * plugin by `npm test`, it costs no extra run: the test files under ORDER_CHECKED run reversed,
 * every other file as written. Each `it` stands alone (set-up belongs in before/beforeEach, a true
 * scenario in one `it`); a folder joins the list once its tests pass reversed, which
 * REVERSE_IT_ORDER=all checks for any file:
 *
 *   REVERSE_IT_ORDER=all npx mocha --require api/testing/reverseItOrder.ts api/store/contract.test.ts
 *
 * Hooks keep their places: `before` still runs before the first test of its suite, `after` after
 * the last, and a suite's own tests still run before its nested suites (mocha's structure, not
 * the order of the `it` blocks).
 */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Suite } from 'mocha';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Test files (path prefixes from the project folder) whose `it` order npm test reverses. */
export const ORDER_CHECKED: readonly string[] = [
  'sampling/',
  'analysis/',
  'fixtures/',
  'api/app.test.ts',
  'api/server.test.ts',
  'api/scaleOut.test.ts',
  'api/analysisWorkflow/',
  'api/audit/',
  'api/auth/',
  'api/cli/',
  'api/codes/',
  'api/collection/',
  'api/csv/',
  'api/demo/',
  'api/errors/',
  'api/frames/',
  'api/geography/',
  'api/http/',
  'api/letters/',
  'api/operations/',
  'api/paper/',
  'api/questionnaire/',
  'api/reports/',
  'api/samplingWorkflow/',
  'api/secrets/',
  'api/security/',
  'api/store/',
  'api/users/',
  'api/resilience/concurrency.test.ts',
  'survey-ui/test/adminFormat.test.ts',
  'survey-ui/test/apiTypes.test.ts',
  'survey-ui/test/i18n.test.ts',
  'survey-ui/test/indicatorRuleForm.test.ts',
  'survey-ui/test/paperEntryKeys.test.ts',
];

/** Reverses tests and child suites of `suite` and of every suite below it, in place; returns how many tests it saw. */
export function reverseItOrder(suite: Suite): number {
  suite.tests.reverse();
  suite.suites.reverse();
  let tests = suite.tests.length;
  for (const child of suite.suites) tests += reverseItOrder(child);
  return tests;
}

/** Whether npm test reverses the tests of this file (a path relative to the project folder). */
export function isOrderChecked(file: string): boolean {
  return ORDER_CHECKED.some((prefix) => file === prefix || (prefix.endsWith('/') && file.startsWith(prefix)));
}

export const mochaHooks = {
  // A root beforeAll runs once every file is loaded and before mocha copies any suite's list of tests.
  beforeAll(this: Mocha.Context) {
    let root = this.test!.parent!;
    while (root.parent) root = root.parent;
    const all = process.env.REVERSE_IT_ORDER === 'all';
    for (const fileSuite of root.suites) {
      if (all || (fileSuite.file && isOrderChecked(relative(projectRoot, fileSuite.file).replaceAll('\\', '/')))) reverseItOrder(fileSuite);
    }
  },
};
