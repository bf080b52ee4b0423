import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import type { Browser, Locator, Page } from 'playwright-core';
import { Model } from 'survey-core';
import { loadQuestionnaire, simulateAnswers } from '../../api/questionnaire';
import { computeCheckCharacter } from '../../api/codes';
import type { InvitedHousehold } from '../../api/collection/testing/testHouseholds';
import { isWellFormedAccessCode } from '../resident/checkCharacter';
import { axeViolations, openPage, screenshot } from './browser';
import type { UiTestServer } from './server';
import { startUiSuite, stopUiSuite } from './suite';
import { seededUniform } from '../../api/testing/seededUniform';

const phone = { width: 390, height: 844 };

describe('resident survey in Chromium (phone)', function () {
  this.timeout(90_000);
  let server: UiTestServer;
  let browser: Browser;
  let households: InvitedHousehold[];

  before(async () => ({ server, browser, households } = await startUiSuite(4)));
  after(() => stopUiSuite({ server, browser }));

  it('the browser copy of the check character passes the committed vectors', () => {
    const vectors = JSON.parse(readFileSync(new URL('../../api/codes/check-vectors.json', import.meta.url), 'utf8')) as {
      valid: string[];
      invalid: { code: string }[];
    };
    for (const code of vectors.valid) expect(isWellFormedAccessCode(code), code).to.equal(true);
    for (const { code } of vectors.invalid) expect(isWellFormedAccessCode(code), code).to.equal(false);
  });

  async function enter(page: Page, code: string): Promise<void> {
    await page.goto(`${server.url}/t/${code}`);
    await page.getByRole('button', { name: 'Weiter' }).click();
  }

  it('shows the start page with the privacy notice, catches a typo before any request, and has no axe violations', async () => {
    const { context, page, problems } = await openPage(browser, { viewport: phone });
    const code = households[0]!.code;
    let enterRequests = 0;
    page.on('request', (r) => {
      if (r.url().endsWith('/api/survey/enter')) enterRequests += 1;
    });
    await page.goto(`${server.url}/t/${code}`);
    await page.getByRole('heading', { level: 2, name: 'Datenschutz' }).waitFor();
    expect(await page.locator('main').innerText()).to.include('Fachdienst Sozialplanung').and.include('freiwillig');
    expect(await page.getByLabel('Zugangscode').inputValue()).to.equal(code);
    expect(await axeViolations(page)).to.deep.equal([]);
    await screenshot(page, 'resident-start');
    const typo = code.slice(0, 5) + (code[5] === '2' ? '3' : '2') + code.slice(6);
    await page.getByLabel('Zugangscode').fill(typo);
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByRole('alert').getByText('Der Code ist nicht richtig').waitFor();
    expect(enterRequests).to.equal(0);
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal('access-code');
    await screenshot(page, 'resident-typo');
    expect(problems.errors).to.deep.equal([]);
    await context.close();
  });

  it('answers page 1, autosaves on page change, resumes after closing, completes once and shows the thank-you page', async () => {
    const household = households[1]!;
    const { context, page, problems } = await openPage(browser, { viewport: phone });
    await enter(page, household.code);
    await page.getByText('Wie viele Kinder unter 18 Jahren').first().waitFor();
    expect(await axeViolations(page)).to.deep.equal([]);
    await screenshot(page, 'resident-survey-page1');
    const answer = async (title: RegExp, value: string) => {
      const input = page.getByRole('spinbutton', { name: title });
      await input.fill(value);
      await input.press('Tab'); // SurveyJS takes a typed value when the field loses focus
    };
    await answer(/Wie viele Kinder/, '2');
    await answer(/jüngste Kind/, '4');
    await answer(/älteste Kind/, '9');
    await page.getByText('Nein', { exact: true }).first().click();
    await answer(/Wie viele Erwachsene/, '2');
    // The SurveyJS theme follows the city look: brand blue (#0b4f8a) for the navigation button and every brand-coloured part.
    const colours = (target: string | Locator) =>
      (typeof target === 'string' ? page.locator(target) : target).first().evaluate((element) => {
        // The element and its parts (SurveyJS puts a button's label in an inner span).
        return [element, ...element.querySelectorAll('*')].flatMap((part) => {
          const style = getComputedStyle(part);
          return [style.backgroundColor, style.color, style.borderTopColor, style.boxShadow];
        });
      });
    expect((await colours('.sd-theme-root')).join(' ')).to.not.include('rgb(25, 179, 148)');
    const buttonColours = (await colours(page.getByRole('button', { name: 'Weiter' }))).join(' ');
    // SurveyJS writes the navigation label in the dark brand shade (our --color-primary-dark #083a66).
    expect(buttonColours, buttonColours).to.include('rgb(8, 58, 102)');
    // Checked choices, focus rings and the progress bar all derive from SurveyJS's brand background variable.
    const brandVariable = await page.locator('.sd-theme-root').first().evaluate((root) => getComputedStyle(root).getPropertyValue('--sjs2-color-bg-brand-primary').trim());
    expect(brandVariable.toLowerCase()).to.equal('#0b4f8a');
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/survey/draft') && r.status() === 200, { timeout: 30_000 });
    await page.getByRole('button', { name: 'Weiter' }).click();
    await saved;
    await page.close();

    // Resume in the same browser: the session still knows the household.
    const again = await context.newPage();
    await again.goto(`${server.url}/teilnahme.html`);
    await again.locator('.sd-page__title').first().waitFor();
    const stored = (await server.store.responses.list({ householdId: household.householdId }))[0]!;
    expect(stored.answers).to.include({ children_count: 2, youngest_child_age: 4, oldest_child_age: 9, adults_count: 2 });
    expect(stored.currentPage).to.equal(1);
    expect(await again.locator('.sd-page__title').first().innerText()).to.not.match(/Haushalt/);

    // The rest of the answers are saved as the page would, then the last page is completed in the UI.
    const rest = simulateAnswers(loadQuestionnaire(1), seededUniform(5));
    const model = new Model(loadQuestionnaire(1));
    model.data = rest;
    const lastPage = model.visiblePageCount - 1;
    const cleared = Object.fromEntries(Object.keys(stored.answers).filter((k) => !(k in rest)).map((k) => [k, null]));
    const status = await again.evaluate(async ({ answers, page }) => {
      const token = ((await (await fetch('/api/session')).json()) as { csrfToken: string }).csrfToken;
      const res = await fetch('/api/survey/draft', { method: 'PUT', headers: { 'content-type': 'application/json', 'x-csrf-token': token }, body: JSON.stringify({ answers, page }) });
      return res.status;
    }, { answers: { ...cleared, ...rest }, page: lastPage });
    expect(status).to.equal(200);
    await again.reload();
    const complete = again.getByRole('button', { name: 'Abschließen' });
    await again.locator('.sd-page__title').first().waitFor();
    for (let i = 0; i < 10 && !(await complete.isVisible()); i++) await again.getByRole('button', { name: 'Weiter' }).click();
    await complete.waitFor();
    expect(await axeViolations(again)).to.deep.equal([]);
    await screenshot(again, 'resident-survey-last-page');
    await complete.click();
    await again.getByRole('heading', { name: 'Vielen Dank!' }).waitFor();
    expect(await axeViolations(again)).to.deep.equal([]);
    await screenshot(again, 'resident-thanks');
    expect((await server.store.responses.list({ householdId: household.householdId, status: 'submitted' })).length).to.equal(1);
    expect(problems.errors).to.deep.equal([]);
    await context.close();

    // Entering the code again (another device) only shows the thank-you page.
    const other = await openPage(browser, { viewport: phone });
    await enter(other.page, household.code);
    await other.page.getByText('schon abgeschickt').waitFor();
    await other.context.close();
  });

  it('locks out after repeated wrong codes and says so', async () => {
    const { context, page } = await openPage(browser, { viewport: phone, expectedStatuses: [404, 429] });
    await page.goto(`${server.url}/teilnahme.html`);
    for (let i = 0; i < 10; i++) {
      const payload = `WRQNGCQDE${String(i + 2).padStart(4, '2')}`.replace(/[01]/g, '2').slice(0, 13);
      await page.getByLabel('Zugangscode').fill(payload + computeCheckCharacter(payload));
      await page.getByRole('button', { name: 'Weiter' }).click();
      await page.getByRole('alert').filter({ hasText: /passt nicht|Zu viele/ }).waitFor();
    }
    expect(await page.getByRole('alert').innerText()).to.match(/Zu viele falsche Codes/);
    await screenshot(page, 'resident-locked');
    await context.close();
  });
});
