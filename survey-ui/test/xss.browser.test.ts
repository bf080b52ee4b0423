/**
 * Stored script in every view that shows people's text: open comments in the reconciliation screen
 * (two paper entries that differ only in their comment), the resident's own draft restored in the
 * survey, account names in the admin users table and frame names in the sampling page. Each view must show the text
 * literally, add no element from it, open no dialog and log no error (a Content-Security-Policy
 * violation would be one).
 */
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { Model } from 'survey-core';
import { reconcilePaperForm, savePaperEntry } from '../../api/collection/paperService';
import type { InvitedHousehold } from '../../api/collection/testing/testHouseholds';
import { loadQuestionnaire } from '../../api/questionnaire';
import { frameCsv, importFrameFile } from '../../api/security/testing/frameFiles';
import { ApiClient } from '../../api/testing/apiClient';
import { openPage, type PageProblems } from './browser';
import { demoLogin, signInByApi } from './demoUsers';
import type { UiTestServer } from './server';
import { startUiSuite, stopUiSuite } from './suite';

const SCRIPT = `<script>alert('xss-script')</script>`;
const IMG = `"><img src=x onerror="alert('xss-img')">`;
const SVG = `<svg onload="alert('xss-svg')"></svg>`;

/** Elements a payload would create if it were parsed as HTML anywhere on the page. */
async function injectedElements(page: Page): Promise<number> {
  return page.evaluate(() => document.querySelectorAll('img[src="x"], svg[onload], [onerror], [onload], script:not([src])').length);
}

/** Every dialog (alert, confirm, prompt) the page opens, dismissed at once. */
function watchDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return dialogs;
}

async function expectInert(page: Page, dialogs: string[], problems: PageProblems, texts: string[]): Promise<void> {
  const shown = await page.evaluate(() => {
    const fields = [...document.querySelectorAll('input, textarea')].map((e) => (e as HTMLInputElement).value);
    return `${document.body.innerText}\n${fields.join('\n')}`;
  });
  for (const text of texts) expect(shown, 'the stored text is shown literally').to.contain(text);
  expect(await injectedElements(page), 'elements created from stored text').to.equal(0);
  expect(dialogs, 'dialogs opened').to.deep.equal([]);
  expect(problems.errors, 'console errors, e.g. CSP violations').to.deep.equal([]);
}

describe('stored script renders as text in every view (Chromium)', function () {
  this.timeout(120_000);
  let server: UiTestServer;
  let browser: Browser;
  let households: InvitedHousehold[];

  before(async () => ({ server, browser, households } = await startUiSuite(3, ['99'])));
  after(() => stopUiSuite({ server, browser }));

  it('reconciliation screen: two paper entries whose open comments hold script', async () => {
    const [staff, staff2] = await Promise.all(['staff', 'staff2'].map((name) => server.store.users.getByUsername(name)));
    const householdId = households[0]!.householdId;
    await savePaperEntry(server.store, staff!, householdId, { children_count: 1, comment: `${SCRIPT} Spielplatz` }, 'de');
    await savePaperEntry(server.store, staff2!, householdId, { children_count: 1, comment: `${IMG} ${SVG}` }, 'de');
    const { context, page, problems } = await openPage(browser);
    const dialogs = watchDialogs(page);
    await signInByApi(page, server.url, demoLogin(server, 'admin'));
    await page.goto(`${server.url}/erhebung`);
    await page.getByRole('button', { name: `Abgleichen: Haushalt ${householdId}` }).click();
    const differences = page.getByRole('table', { name: /Abweichende Fragen \(1\)/ });
    await differences.waitFor();
    expect(await differences.locator('tbody th').innerText()).to.match(/^comment/);
    await expectInert(page, dialogs, problems, [`${SCRIPT} Spielplatz`, `${IMG} ${SVG}`]);
    // Taking entry 2 stores the text exactly; it is never escaped or stripped on the way.
    const { revision } = (await server.store.paperEntries.get(householdId))!;
    const admin = (await server.store.users.getByUsername('admin'))!;
    const done = await reconcilePaperForm(server.store, admin, householdId, { revision, resolutions: { comment: { choice: 'entry2' } } }, 'de');
    expect(done.reconciledAnswers?.comment).to.equal(`${IMG} ${SVG}`);
    await context.close();
  });

  it('resident survey: a draft with script in the open comment is restored as text', async () => {
    const { context, page, problems } = await openPage(browser);
    const dialogs = watchDialogs(page);
    const code = households[1]!.code;
    await page.goto(`${server.url}/t/${code}`);
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.locator('.sd-page__title').first().waitFor();
    const model = new Model(loadQuestionnaire(1));
    const answers = { children_count: 0, single_parent: 2, adults_count: 2, comment: `${SCRIPT}${IMG}` };
    model.data = answers;
    const lastPage = model.visiblePageCount - 1;
    const status = await page.evaluate(async ({ answers, page }) => {
      const token = ((await (await fetch('/api/session')).json()) as { csrfToken: string }).csrfToken;
      const res = await fetch('/api/survey/draft', { method: 'PUT', headers: { 'content-type': 'application/json', 'x-csrf-token': token }, body: JSON.stringify({ answers, page }) });
      return res.status;
    }, { answers, page: lastPage });
    expect(status).to.equal(200);
    await page.reload();
    // The draft was saved on the last page: the survey resumes there, with the open comment.
    await page.getByRole('button', { name: 'Abschließen' }).waitFor();
    const comment = page.locator('textarea').last();
    await comment.waitFor();
    expect(await comment.inputValue()).to.equal(`${SCRIPT}${IMG}`);
    await expectInert(page, dialogs, problems, [`${SCRIPT}${IMG}`]);
    await context.close();
  });

  it('admin: an account whose display name is script shows it as text in the users table', async () => {
    const { context, page, problems } = await openPage(browser);
    const dialogs = watchDialogs(page);
    await signInByApi(page, server.url, demoLogin(server, 'admin'));
    await page.goto(`${server.url}/verwaltung`);
    const created = await page.evaluate(async (displayName) => {
      const token = ((await (await fetch('/api/session')).json()) as { csrfToken: string }).csrfToken;
      const res = await fetch('/api/admin/users', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': token }, body: JSON.stringify({ username: 'xss.test', displayName, role: 'staff', password: 'Xss-test-2026-pass' }) });
      return res.status;
    }, `${IMG}${SCRIPT}`);
    expect(created).to.equal(201);
    await page.reload();
    await page.getByText('xss.test', { exact: true }).first().waitFor();
    await expectInert(page, dialogs, problems, [`${IMG}${SCRIPT}`]);
    await context.close();
  });

  it('sampling: a frame named after a file whose name is markup shows the name as text', async () => {
    const planner = new ApiClient(server.url);
    expect((await planner.login('planner', demoLogin(server, 'planner').password)).status).to.equal(200);
    // File names lose everything up to a slash, so the payload has none.
    const imported = await importFrameFile(planner, Buffer.from(frameCsv([['R1', '01', 'Anna', 'Weg', '1', '07545', 'Gera']]), 'utf8'), `${IMG}.csv`);
    expect(imported.state).to.equal('done');
    // The page previews the default allocation for the newest frame; a one-household frame cannot take it (400, shown as a message).
    const { context, page, problems } = await openPage(browser, { expectedStatuses: [400] });
    const dialogs = watchDialogs(page);
    const failed: string[] = [];
    page.on('response', (r) => void (r.status() >= 400 && failed.push(`${r.status()} ${r.request().method()} ${r.url()}`)));
    await signInByApi(page, server.url, demoLogin(server, 'planner'));
    await page.goto(`${server.url}/stichprobe`);
    await page.locator('option', { hasText: 'onerror' }).first().waitFor({ state: 'attached' });
    const options = await page.locator('option').allTextContents();
    expect(options.some((o) => o.includes(`${IMG}.csv`)), options.join(' | ')).to.equal(true);
    expect(await injectedElements(page)).to.equal(0);
    expect(dialogs).to.deep.equal([]);
    expect(problems.errors, failed.join('\n')).to.deep.equal([]);
    expect(failed.filter((f) => !f.startsWith('400 POST') || !f.endsWith('/api/sampling/allocations/preview'))).to.deep.equal([]);
    await context.close();
  });
});
