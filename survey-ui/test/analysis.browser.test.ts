import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, openPage, screenshot, type PageProblems } from './browser';
import { demoLogin, signInByApi } from './demoUsers';
import { startUiTestServer, type UiTestServer } from './server';

describe('survey-ui Auswertung (planner) in Chromium', function () {
  this.timeout(180_000);
  let server: UiTestServer;
  let browser: Browser;
  let page: Page;
  let problems: PageProblems;

  before(async function () {
    [server, browser] = await Promise.all([startUiTestServer(), launchBrowser()]);
    ({ page, problems } = await openPage(browser));
    page.setDefaultTimeout(30_000);
    await signInByApi(page, server.url, demoLogin(server, 'planner'));
    await page.goto(`${server.url}/auswertung`);
    await page.getByRole('heading', { level: 1, name: 'Auswertung' }).waitFor();
  });

  after(async function () {
    await browser?.close();
    await server?.stop();
  });

  it('shows weighting diagnostics, the indicator table, the bar chart and the tile map on the demo data', async function () {
    const table = page.getByRole('table', { name: /nach Bezirk$/ });
    await table.waitFor();
    expect(await page.getByRole('table', { name: /Gewichte nach Ausfallanpassung/ }).locator('tbody tr').count()).to.equal(13);
    expect(await table.locator('tbody tr').count()).to.equal(13);
    expect(await page.getByRole('img', { name: /^Balkendiagramm/ }).count()).to.equal(1);
    expect(await page.getByRole('img', { name: /^Bezirkskarte/ }).count()).to.equal(1);
    expect(await page.locator('svg.analysis-map g[data-district]').count()).to.equal(12);
    await page.getByText('– Wert unterdrückt: weniger als 10 Antworten.').waitFor();
    expect(problems.errors).to.deep.equal([]);
  });

  it('sorts the table by share and switches the indicator', async function () {
    const table = page.getByRole('table', { name: /nach Bezirk$/ });
    await table.getByRole('button', { name: /^Anteil/ }).click();
    expect(await table.locator('th[aria-sort="descending"]').count()).to.equal(1);
    const select = page.getByLabel('Kennzahl', { exact: true });
    await select.selectOption('low_life_quality');
    await page.getByRole('table', { name: /Geringe Lebenszufriedenheit/ }).waitFor();
    await page.getByRole('img', { name: /Geringe Lebenszufriedenheit/ }).first().waitFor();
  });

  it('downloads the results CSV in both dialects; suppressed cells are empty', async function () {
    for (const [name, delimiter] of [['Ergebnisse (CSV, Standard)', ','], ['Ergebnisse (CSV für Excel, deutsch)', ';']] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
      const rows = parse(readFileSync((await download.path())!, 'utf8'), { columns: true, delimiter, bom: true }) as Record<string, string>[];
      expect(rows.length, name).to.be.greaterThan(200);
      for (const row of rows.filter((r) => r.suppressed === '1')) expect(row.estimate).to.equal('');
    }
  });

  it('has no axe violations in German and English', async function () {
    expect(await axeViolations(page)).to.deep.equal([]);
    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Analysis' }).waitFor();
    await page.getByRole('table', { name: /by district$/ }).waitFor();
    expect(await axeViolations(page)).to.deep.equal([]);
    await screenshot(page, 'analysis-en');
    expect(problems.errors).to.deep.equal([]);
  });
});
