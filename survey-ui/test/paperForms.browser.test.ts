import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { json, smallDraw } from '../../api/paper/testing/smallDraw';
import { pdfPageCount, pdfText } from '../../api/paper/testing/renderedPdf';
import { paperLayout } from '../../api/paper/paperLayout';
import { loadQuestionnaire } from '../../api/questionnaire/registry';
import { ApiClient } from '../../api/testing/apiClient';
import { axeViolations, launchBrowser, openPage, screenshot } from './browser';
import { demoLogin, signIn } from './demoUsers';
import { startUiTestServer, type UiTestServer } from './server';

describe('survey-ui Papierfragebögen (planner) in Chromium', function () {
  this.timeout(120_000);
  let server: UiTestServer;
  let browser: Browser;
  let page: Page;
  let drawId: string;

  before(async function () {
    [server, browser] = await Promise.all([startUiTestServer(), launchBrowser()]);
    const planner = new ApiClient(server.url);
    expect((await planner.login('planner', 'Gera-planner-2026')).status).to.equal(200);
    const made = await smallDraw(planner, 'kleine-auswahl.csv');
    drawId = made.drawId;
    expect((await json<{ draws: { id: string }[] }>(await planner.get(`/api/sampling/draws?frameId=${made.frameId}`))).draws.map((d) => d.id)).to.include(drawId);
    page = (await openPage(browser, { expectedStatuses: [404, 409] })).page;
    await signIn(page, server.url, demoLogin(server, 'planner'));
    await page.getByRole('link', { name: 'Stichprobe' }).click();
    await page.getByRole('heading', { level: 1, name: 'Stichprobe' }).waitFor();
    const frameSelect = page.locator('#frame-select');
    const option = frameSelect.locator('option', { hasText: 'kleine-auswahl' });
    await frameSelect.selectOption((await option.getAttribute('value'))!);
    const draws = page.getByRole('table', { name: 'Ziehungen dieser Auswahlgrundlage' });
    await draws.locator(`tr[data-draw-id="${drawId}"]`).waitFor();
    const select = draws.locator(`tr[data-draw-id="${drawId}"]`).getByRole('button');
    if ((await select.count()) > 0) await select.click();
  });

  after(async function () {
    await browser?.close();
    await server?.stop();
  });

  it('prints all questionnaires of the draw as one PDF with a progress bar, and one household on its own', async function () {
    const card = page.getByRole('region', { name: '5. Papierfragebögen' });
    await card.waitFor();
    await card.getByLabel('Sprache des Fragebogens').selectOption('en');
    await card.getByLabel('Großdruck (größere Schrift und Kästchen)').check();
    // Records every progress bar the card shows while the file is produced.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { paperProgress: string[] }).paperProgress = seen;
      new MutationObserver(() => {
        const bar = document.querySelector('progress[aria-label="Fortschritt der Fragebögen"]');
        if (bar) seen.push(bar.getAttribute('value') ?? '');
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: 'Alle Fragebögen als eine PDF-Datei (Druckerei)' }).click()]);
    expect(await page.evaluate(() => (window as unknown as { paperProgress: string[] }).paperProgress.length)).to.be.greaterThan(0);
    const pdf = readFileSync((await download.path())!);
    const pages = paperLayout(loadQuestionnaire(1), { questionnaire: 'family-life-quality@1', lang: 'en', largePrint: true }).pages.length;
    expect(pdfPageCount(pdf)).to.equal(6 * pages);
    expect(pdfText(pdf)).to.contain(';lang=en;lp=1;');
    await card.getByText(/^6 Fragebogen\/Fragebögen erstellt/).waitFor();

    const [ref] = await server.store.paperForms.listByDraw(drawId);
    await card.getByLabel('Haushaltskennung (für einen einzelnen Fragebogen)').fill(ref!.householdId);
    const [single] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: 'Fragebogen dieses Haushalts herunterladen' }).click()]);
    expect(single.suggestedFilename()).to.contain(ref!.formId);
    expect(pdfPageCount(readFileSync((await single.path())!))).to.equal(pages);

    await card.getByLabel('Haushaltskennung (für einen einzelnen Fragebogen)').fill('P-GIBT-ES-NICHT');
    await card.getByRole('button', { name: 'Fragebogen dieses Haushalts herunterladen' }).click();
    await card.getByRole('alert').getByText(/P-GIBT-ES-NICHT/).waitFor();
    const violations = await axeViolations(page);
    expect(violations, violations.join('\n')).to.deep.equal([]);
    await screenshot(page, 'sampling-paper-forms');
  });
});
