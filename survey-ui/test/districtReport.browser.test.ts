import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { pdfPages } from '../../api/reports/testing/pdfText';
import { axeViolations, launchBrowser, openPage, type PageProblems } from './browser';
import { demoLogin, signInByApi } from './demoUsers';
import { startUiTestServer, type UiTestServer } from './server';

describe('survey-ui district report download (planner) in Chromium', function () {
  this.timeout(180_000);
  let server: UiTestServer;
  let browser: Browser;
  let page: Page;
  let problems: PageProblems;
  let districts: string[];

  before(async function () {
    [server, browser] = await Promise.all([startUiTestServer(), launchBrowser()]);
    ({ page, problems } = await openPage(browser));
    page.setDefaultTimeout(60_000);
    const draw = (await server.store.draws.list())[0]!;
    districts = (await server.store.frames.get(draw.frameId))!.districts.map((d) => d.district);
    await signInByApi(page, server.url, demoLogin(server, 'planner'));
    await page.goto(`${server.url}/auswertung`);
    await page.evaluate(() => window.localStorage.setItem('familienbefragung.language', 'de'));
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Stadtteilbericht' }).waitFor();
  });

  after(async function () {
    await browser?.close();
    await server?.stop();
  });

  it('downloads the report as a PDF whose text names every district', async function () {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Stadtteilbericht (PDF)' }).click()]);
    expect(download.suggestedFilename()).to.equal('stadtteilbericht-welle-1.pdf');
    const pdf = readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).to.equal('%PDF-');
    const pages = pdfPages(pdf);
    const text = pages.join('\n');
    for (const d of districts) expect(text, d).to.contain(d);
    expect(pages.length).to.be.at.least(districts.length + 3);
    expect(text).to.contain('Stadtteilprofile');
    expect(problems.errors).to.deep.equal([]);
  });

  it('offers the report in a labelled section, on a page that axe finds no fault with', async function () {
    const section = page.getByRole('region', { name: 'Stadtteilbericht' });
    await section.getByRole('combobox', { name: 'Sprache des Berichts' }).waitFor();
    expect(await section.getByRole('link').count()).to.equal(2);
    const violations = await axeViolations(page);
    expect(violations).to.deep.equal([]);
  });

  it('downloads it in English when English is chosen for the report', async function () {
    await page.getByLabel('Sprache des Berichts').selectOption('en');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Stadtteilbericht (HTML)' }).click()]);
    expect(download.suggestedFilename()).to.equal('district-report-wave-1.html');
    const html = readFileSync((await download.path())!, 'utf8');
    expect(html).to.contain('<html lang="en">').and.contain('District profiles');
    for (const d of districts) expect(html, d).to.contain(d);
  });
});
