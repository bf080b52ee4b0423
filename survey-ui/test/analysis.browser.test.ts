import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, openPage, screenshot, type PageProblems } from './browser';
import { demoLogin, signInByApi } from './demoUsers';
import type { UiTestServer } from './server';
import { startSignedInSuite, stopUiSuite } from './suite';
import type { IndicatorsResponse } from '../pages/analysis/types';

/** The indicators as the page gets them (the demo answers differ between test servers, so tests pick by content). */
async function indicatorsOf(page: Page, baseUrl: string): Promise<IndicatorsResponse> {
  return (await (await page.request.get(`${baseUrl}/api/analysis/indicators?lang=de`)).json()) as IndicatorsResponse;
}

/** The Auswertung page afresh in German, district level, model-based values (the defaults of a first visit). */
async function openAnalysis(page: Page, baseUrl: string): Promise<void> {
  await page.evaluate(() => window.localStorage.setItem('familienbefragung.language', 'de'));
  await page.goto(`${baseUrl}/auswertung`);
  await page.getByRole('table', { name: /nach Bezirk$/ }).waitFor();
}

describe('survey-ui Auswertung (planner) in Chromium', function () {
  this.timeout(180_000);
  let server: UiTestServer;
  let browser: Browser;
  let page: Page;
  let problems: PageProblems;

  before(async function () {
    ({ server, browser, page, problems } = await startSignedInSuite('planner'));
    await page.goto(`${server.url}/auswertung`);
    await page.getByRole('heading', { level: 1, name: 'Auswertung' }).waitFor();
  });

  after(async function () {
    await stopUiSuite({ server, browser });
  });

  it('shows weighting diagnostics, the indicator table, the bar chart and the district map on the demo data', async function () {
    const table = page.getByRole('table', { name: /nach Bezirk$/ });
    await table.waitFor();
    expect(await page.getByRole('table', { name: /Gewichte nach Ausfallanpassung/ }).locator('tbody tr').count()).to.equal(13);
    expect(await table.locator('tbody tr').count()).to.equal(13);
    expect(await page.getByRole('img', { name: /^Balkendiagramm/ }).count()).to.equal(1);
    await page.getByRole('group', { name: /^Karte \(Bezirke/ }).waitFor();
    expect(await page.locator('#map-district g[data-area]').count()).to.equal(12);
    await page.getByText('– Wert unterdrückt: weniger als 10 Antworten.').waitFor();
    expect(problems.errors).to.deep.equal([]);
  });

  it('sorts the table by share and switches the indicator', async function () {
    const table = page.getByRole('table', { name: /nach Bezirk$/ });
    await table.getByRole('button', { name: 'Anteil (direkt)' }).click();
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

  it('shows model-based values beside the direct ones, with badges, the median CV and the model card', async function () {
    await openAnalysis(page, server.url);
    const table = page.getByRole('table', { name: /nach Bezirk$/ });
    await table.getByRole('columnheader', { name: 'Modellbasierte Schätzung' }).waitFor();
    await table.getByRole('columnheader', { name: 'Gewicht der Befragung' }).waitFor();
    expect(await table.locator('tbody .badge--model').count()).to.be.greaterThan(0);
    // Every district has a model value: a badge on each district row, none on the city's.
    expect(await table.locator('tbody tr:not(.analysis-total) .badge').count()).to.equal(12);
    await page.getByText(/^Mittlerer Variationskoeffizient der Bezirkswerte: direkt \d+,\d %, modellbasiert \d+,\d %\.$/).waitFor();
    await page.getByText(/^synthetisch – zu wenige Antworten: Aus dem Gebiet liegen 1 bis 9 Antworten vor/).waitFor();
    expect(await page.getByRole('radio', { name: 'modellbasiert' }).isChecked()).to.equal(true);

    const card = page.getByRole('region', { name: /^Modell: .* \(Bezirke\)$/ });
    await card.waitFor();
    const terms = card.getByRole('table', { name: 'Koeffizienten des Modells (Arkussinus-Skala)' });
    await terms.getByRole('rowheader', { name: 'Achsenabschnitt' }).waitFor();
    expect(await terms.locator('tbody tr').count()).to.be.greaterThan(1);
    for (const fact of ['Gebietsmerkmale im Modell', 'Anpassung', 'Bootstrap', 'Varianzglättung', 'Angleichung (Benchmarking)', 'Prüfung Modell gegen Befragung (Wald-Test)']) {
      await card.locator('dt', { hasText: fact }).waitFor();
    }
    await card.getByText(/^Verhältnisanpassung auf den Wert der Gesamtstadt/).waitFor();
    await card.getByText(/^200 Replikationen/).waitFor();
    // Warnings are translated by code; the English message of the API is not shown for a known code.
    expect(await card.locator('[data-warning]').allInnerTexts()).to.satisfy((texts: string[]) => texts.every((text) => !/^only \d+ areas/.test(text)));
    expect(await axeViolations(page)).to.deep.equal([]);
    await screenshot(page, 'analysis-model');
    expect(problems.errors).to.deep.equal([]);
  });

  it('switches to sub-districts: grouped with their district, synthetic badges, chart and sub-district map', async function () {
    await openAnalysis(page, server.url);
    const data = await indicatorsOf(page, server.url);
    const subdistricts = data.smallArea.subdistricts;
    expect(subdistricts.length).to.be.greaterThan(12);
    // An indicator with a sub-district model and some areas of 1–9 respondents (most have them).
    const indicator = data.indicators.find((i) => i.models.subdistrict && i.subdistricts.some((c) => c.model?.reason === 'few-respondents'));
    expect(indicator, 'an indicator with synthetic sub-district values').to.not.equal(undefined);
    await page.getByLabel('Kennzahl', { exact: true }).selectOption(indicator!.id);
    await page.getByRole('radio', { name: 'Teilbezirke' }).check();
    const table = page.getByRole('table', { name: /nach Teilbezirk$/ });
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).to.equal(subdistricts.length + 1);
    // Sorted by district, then name: the district column reads in order.
    const parents = (await table.locator('tbody tr:not(.analysis-total) td:first-of-type').allInnerTexts()).map((p) => p.trim());
    expect(parents).to.deep.equal([...parents].sort((a, b) => a.localeCompare(b, 'de')));
    expect(await table.locator('.badge', { hasText: 'synthetisch – zu wenige Antworten' }).count()).to.be.greaterThan(0);
    await page.getByRole('group', { name: /^Karte \(Teilbezirke/ }).waitFor();
    expect(await page.locator('#map-subdistrict g[data-area]').count()).to.equal(subdistricts.length);
    await page.getByRole('img', { name: /^Balkendiagramm \(modellbasiert\)/ }).waitFor();
    await page.getByRole('region', { name: /^Modell: .* \(Teilbezirke\)$/ }).waitFor();
    expect(await axeViolations(page)).to.deep.equal([]);
    await screenshot(page, 'analysis-subdistricts');
    expect(problems.errors).to.deep.equal([]);
  });

  it('switches the shown estimate: chart and map show the direct or the model-based value', async function () {
    await openAnalysis(page, server.url);
    const row = page.getByRole('table', { name: /nach Bezirk$/ }).locator('tbody tr[data-area="Stadtmitte"]');
    // The map area's label starts with its name and the value as the table shows it (without the caution mark);
    // waited for, since the map redraws after the switch.
    const shows = (value: string) =>
      page.waitForFunction(
        (prefix) => document.querySelector('#map-district g[data-area="Stadtmitte"] [role="button"]')?.getAttribute('aria-label')?.startsWith(prefix) === true,
        `Stadtmitte: ${value.replace(/\s*\*$/, '')}`,
      );
    const direct = (await row.locator('td').nth(0).innerText()).trim();
    const model = (await row.locator('td').nth(4).innerText()).trim();
    await shows(model);
    await page.getByRole('img', { name: /^Balkendiagramm \(modellbasiert\)/ }).waitFor();

    await page.getByRole('radio', { name: 'direkt' }).check();
    await page.getByRole('img', { name: /^Balkendiagramm: / }).waitFor();
    await page.getByRole('group', { name: /^Karte \(Bezirke\): / }).waitFor();
    await shows(direct);
    expect(await axeViolations(page)).to.deep.equal([]);

    await page.getByRole('radio', { name: 'modellbasiert' }).check();
    await page.getByRole('group', { name: /^Karte \(Bezirke, modellbasiert\)/ }).waitFor();
    await shows(model);
    expect(problems.errors).to.deep.equal([]);
  });

  it('changes the covariates of one indicator, sees the model card change and restores the defaults', async function () {
    await openAnalysis(page, server.url);
    const data = await indicatorsOf(page, server.url);
    // A district model with covariates as chosen (not cut back for too few areas), and a covariate it does not use.
    const indicator = data.indicators.find((i) => {
      const model = i.models.district;
      return model && model.covariates.length > 0 && !model.warnings.some((w) => w.code === 'covariates-reduced');
    });
    expect(indicator, 'an indicator with a district model').to.not.equal(undefined);
    const model = indicator!.models.district!;
    const added = data.smallArea.covariates.find((c) => c.level === 'district' && !model.covariates.includes(c.name))!;
    const addedLabel = added.label?.de ?? added.name;
    await page.getByLabel('Kennzahl', { exact: true }).selectOption(indicator!.id);

    const card = page.getByRole('region', { name: `Modell: ${indicator!.label} (Bezirke)` });
    const terms = card.getByRole('table', { name: 'Koeffizienten des Modells (Arkussinus-Skala)' }).locator('tbody tr');
    const used = card.locator('.model-fact', { hasText: 'Gebietsmerkmale im Modell' }).locator('dd');
    const form = page.getByRole('form', { name: 'Gebietsmerkmale dieser Kennzahl' });
    await card.waitFor();
    expect(await terms.count()).to.equal(model.covariates.length + 1);
    expect(await form.getByRole('checkbox', { checked: true }).count()).to.equal(model.covariates.length);
    // A nearly-collinear covariate named on the card is named beside the form too.
    expect(await form.locator('[data-warning="collinear"] p').count()).to.equal(await card.locator('li[data-warning="collinear"]').count());
    await form.getByText('Auswahlgrundlage').first().waitFor();

    const box = form.getByRole('checkbox', { name: new RegExp(`^${addedLabel.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s`) });
    expect(await box.isChecked()).to.equal(false);
    await box.check();
    await form.getByRole('button', { name: 'Gebietsmerkmale speichern' }).click();
    // Off the button, so its colours switch at once when it is enabled again (a hover fades in, and axe would measure the blend).
    await page.mouse.move(0, 0);
    await form.getByRole('status').getByText('Gespeichert: Das Modell wurde neu geschätzt.').waitFor();
    expect(await terms.count()).to.equal(model.covariates.length + 2);
    expect(await used.innerText()).to.contain(addedLabel);
    expect(await box.isChecked()).to.equal(true);
    expect(await axeViolations(page)).to.deep.equal([]);
    await screenshot(page, 'analysis-covariates-changed');

    await form.getByRole('button', { name: 'Standard wiederherstellen' }).click();
    await page.mouse.move(0, 0);
    await form.getByRole('status').getByText('Standard wiederhergestellt: Das Modell wurde neu geschätzt.').waitFor();
    expect(await terms.count()).to.equal(model.covariates.length + 1);
    expect(await used.innerText()).to.not.contain(addedLabel);
    expect(await box.isChecked()).to.equal(false);
    expect(problems.errors).to.deep.equal([]);
  });

  it('places the area covariates (upload and imported versions) in the section Gebietsmerkmale', async function () {
    await openAnalysis(page, server.url);
    const section = page.getByRole('region', { name: 'Gebietsmerkmale' });
    await section.getByRole('form', { name: 'Neue Version hochladen' }).waitFor();
    await section.getByRole('table', { name: 'Importierte Versionen' }).waitFor();
    expect(problems.errors).to.deep.equal([]);
  });

  it('keeps the page within a phone screen: wide tables scroll inside their box', async function () {
    const phone = await openPage(browser, { viewport: { width: 375, height: 800 } });
    try {
      phone.page.setDefaultTimeout(30_000);
      await signInByApi(phone.page, server.url, demoLogin(server, 'planner'));
      await phone.page.goto(`${server.url}/auswertung`);
      for (const level of ['Bezirke', 'Teilbezirke']) {
        await phone.page.getByRole('radio', { name: level, exact: true }).check();
        await phone.page.getByRole('table', { name: level === 'Bezirke' ? /nach Bezirk$/ : /nach Teilbezirk$/ }).waitFor();
        const { scrollWidth, innerWidth } = await phone.page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
        expect(scrollWidth, `${level}: ${scrollWidth} px content in ${innerWidth} px`).to.be.at.most(innerWidth);
      }
      expect(await axeViolations(phone.page)).to.deep.equal([]);
      await screenshot(phone.page, 'analysis-phone');
      expect(phone.problems.errors).to.deep.equal([]);
    } finally {
      await phone.context.close();
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
