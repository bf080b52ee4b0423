import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { generateFrame } from '../../fixtures/syntheticFrame';
import { syntheticRegisterCsv } from '../../api/samplingWorkflow/syntheticContacts';
import { axeViolations, launchBrowser, openPage, screenshot } from './browser';
import { demoLogin, signIn } from './demoUsers';
import { startUiTestServer, type UiTestServer } from './server';

function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

describe('survey-ui Stichprobe (planner) in Chromium', function () {
  this.timeout(90_000);
  let server: UiTestServer;
  let browser: Browser;
  let page: Page;
  const rows = generateFrame({ households: 90, districts: 3, seed: 5 });

  before(async function () {
    [server, browser] = await Promise.all([startUiTestServer(), launchBrowser()]);
    page = (await openPage(browser, { expectedStatuses: [409] })).page;
    await signIn(page, server.url, demoLogin(server, 'planner'));
    await page.getByRole('link', { name: 'Stichprobe' }).click();
    await page.getByRole('heading', { level: 1, name: 'Stichprobe' }).waitFor();
  });

  after(async function () {
    await browser?.close();
    await server?.stop();
  });

  it('uploads a frame, maps the columns and imports it with a progress bar', async function () {
    await page.getByLabel('CSV-Datei aus dem Melderegister').setInputFiles({
      name: 'melderegister-test.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(syntheticRegisterCsv(rows, ';'), 'utf8'),
    });
    await page.getByRole('button', { name: 'Datei hochladen und prüfen' }).click();
    await page.getByRole('table', { name: /^Vorschau: die ersten Zeilen von melderegister-test\.csv/ }).waitFor();
    await page.getByText('Trennzeichen „;“, Zeichensatz UTF-8').waitFor();
    // The usual German header names are preselected; every select has a visible label.
    expect(await page.getByLabel('Straße').inputValue()).to.equal('Straße');
    expect(await page.getByLabel('Bezirk (Pflichtfeld)').inputValue()).to.equal('Bezirk');
    await page.getByLabel('Sortiermerkmal (z. B. Postleitzahl)').selectOption('PLZ');
    await page.getByRole('button', { name: 'Einlesen starten' }).click();
    const progress = page.getByRole('progressbar', { name: 'Fortschritt des Einlesens' });
    await progress.waitFor();
    expect(Number(await progress.getAttribute('aria-valuenow'))).to.be.within(0, 100);
    await page.getByText(/mit 90 Haushalten wurde gespeichert/).waitFor();
    expect(await progress.getAttribute('aria-valuenow')).to.equal('100');
    expect(await page.getByLabel('Auswahlgrundlage', { exact: true }).locator('option:checked').innerText()).to.contain('melderegister-test');
    await screenshot(page, 'sampling-imported');
  });

  it('allocates with a live precision table and draws with the shown seed', async function () {
    await page.getByLabel('Netto-Stichprobe (erwartete Antworten)').fill('6');
    await page.getByLabel('Erwartete Rücklaufquote in %').fill('50');
    const table = page.getByRole('table', { name: 'Aufteilung und erwartete Genauigkeit je Bezirk' });
    await table.waitFor();
    await page.waitForFunction(() => {
      const cells = [...document.querySelectorAll('table tfoot td')].map((c) => c.textContent?.trim());
      return cells[2] === '6' && cells[3] === '12';
    });
    expect(await table.locator('tbody tr').count()).to.equal(3);
    await page.getByLabel('Startwert des Zufallsgenerators').fill('4242');
    await page.getByRole('button', { name: 'Stichprobe ziehen' }).click();
    await page.getByText('Gezogen: 12 Haushalte, Reserve 0, Startwert 4242.').waitFor();
    const draws = page.getByRole('table', { name: 'Ziehungen dieser Auswahlgrundlage' });
    await draws.getByRole('cell', { name: '4242' }).waitFor();
    const violations = await axeViolations(page);
    expect(violations, violations.join('\n')).to.deep.equal([]);
  });

  it('downloads the letters as a PDF with one page per sampled household', async function () {
    await page.getByLabel('Brieftext').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Anschreiben als PDF herunterladen' }).click()]);
    const path = await download.path();
    const pdf = readFileSync(path!);
    expect(pdf.subarray(0, 5).toString()).to.equal('%PDF-');
    expect(pdfPageCount(pdf)).to.equal(12);
    await page.getByText(/^12 Anschreiben erstellt/).waitFor();
    // A second download without confirming the re-issue is refused with an explanation.
    await page.getByRole('button', { name: 'Anschreiben als PDF herunterladen' }).click();
    await page.getByRole('alert').getByText(/bereits einen Zugangscode/).waitFor();
    await screenshot(page, 'sampling-letters');
  });
});
