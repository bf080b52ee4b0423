/**
 * Runs the `it` blocks of a suite in reverse order, and its sibling `describe` blocks too, so a
 * test that needs the `it` before it fails instead of passing by luck. Loaded as a mocha root hook
 * plugin by `npm test`, it costs no extra run: the test files under ORDER_CHECKED (the libraries,
 * the fixtures, the whole API and the UI's fast unit tests) run reversed, the browser tests as
 * written. Each `it` stands alone (set-up belongs in before/beforeEach, a true scenario in one
 * `it`); a file joins the list once its tests pass reversed, which REVERSE_IT_ORDER=all checks
 * for any file:
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
  'api/',
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
