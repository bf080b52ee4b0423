import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, openPage, screenshot, type PageProblems } from './browser';
import type { UiTestServer } from './server';
import { startSignedInSuite, stopUiSuite } from './suite';

/** The name of the focused element (an area's label on the map). */
const focusedLabel = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null);

describe('survey-ui maps and the public results page in Chromium', function () {
  this.timeout(180_000);
  let server: UiTestServer;
  let browser: Browser;
  let page: Page;
  let problems: PageProblems;

  before(async function () {
    ({ server, browser, page, problems } = await startSignedInSuite('planner'));
  });

  after(async function () {
    await stopUiSuite({ server, browser });
  });

  it('Auswertung draws the districts on the schematic boundaries: legend, table, keyboard focus per area and details on Enter', async function () {
    await page.goto(`${server.url}/auswertung`);
    const map = page.getByRole('group', { name: /^Karte \(Bezirke, modellbasiert\): / });
    await map.waitFor();
    const areas = map.getByRole('button');
    expect(await areas.count()).to.equal(12);
    await page.getByText('Schematische Gebietsgrenzen (Demo): keine echten Grenzen.').first().waitFor();
    expect(await page.locator('#map-district .choropleth__legend li').count()).to.be.at.least(3);
    await page.locator('#map-district details summary').click();
    expect(await page.locator('#map-district details tbody tr').count()).to.equal(12);

    // Keyboard: the first area in name order gets focus with Tab from the element before the map, arrows walk on.
    const names = (await areas.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))).map((l) => l.split(':')[0]!).sort((a, b) => a.localeCompare(b, 'de'));
    await areas.nth(0).focus();
    const first = await focusedLabel(page);
    expect(first).to.match(/^[^:]+: (\d+,\d %|Wert unterdrückt)/);
    await page.keyboard.press('Home');
    expect((await focusedLabel(page))!.split(':')[0]).to.equal(names[0]);
    await page.keyboard.press('ArrowRight');
    expect((await focusedLabel(page))!.split(':')[0]).to.equal(names[1]);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect((await focusedLabel(page))!.split(':')[0]).to.equal(names[names.length - 1]);
    // Tab moves on to the next area of the map.
    await areas.nth(0).focus();
    await page.keyboard.press('Tab');
    expect(await focusedLabel(page)).to.equal(await areas.nth(1).getAttribute('aria-label'));
    await page.keyboard.press('Enter');
    const focused = (await focusedLabel(page))!;
    const details = page.locator('#map-district-details');
    await details.getByText(focused.split(':')[0]!, { exact: true }).waitFor();
    expect(await details.textContent()).to.contain('Antworten im Gebiet:');
    expect(await page.locator('#map-district [aria-pressed="true"]').count()).to.equal(1);

    // Sub-districts: 40 areas on their own boundaries.
    await page.getByLabel('Teilbezirke').check();
    const subMap = page.getByRole('group', { name: /^Karte \(Teilbezirke/ });
    await subMap.waitFor();
    expect(await subMap.getByRole('button').count()).to.equal(40);
    // The districts are drawn over the sub-districts as outlines.
    await page.locator('#map-subdistrict .choropleth__outline').first().waitFor();
    expect(await page.locator('#map-subdistrict .choropleth__outline').count()).to.equal(12);
    // Hatched (unreliable) or dotted (suppressed) sub-districts are marked as such in their label.
    const labels = await subMap.getByRole('button').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    expect(labels.some((l) => /mit Vorsicht interpretieren|Wert unterdrückt/.test(l))).to.equal(true);
    await screenshot(page, 'maps-auswertung-subdistricts');
    await page.getByLabel('Bezirke', { exact: true }).check();
    await page.getByRole('group', { name: /^Karte \(Bezirke/ }).waitFor();
    const violations = await axeViolations(page);
    expect(violations, violations.join('\n')).to.deep.equal([]);
    expect(problems.errors).to.deep.equal([]);
  });

  it('the public page shows the published wave without login: map, table, downloads; axe finds nothing', async function () {
    const { context, page: visitor, problems: visitorProblems } = await openPage(browser);
    await visitor.goto(`${server.url}/ergebnisse`);
    await visitor.getByRole('heading', { level: 1, name: 'Ergebnisse der Familienbefragung' }).waitFor();
    const map = visitor.getByRole('group', { name: /^Karte der Bezirke: / });
    await map.waitFor();
    expect(await map.getByRole('button').count()).to.equal(12);
    const table = visitor.getByRole('table', { name: /je Bezirk \(Welle 1\)$/ });
    expect(await table.locator('tbody tr').count()).to.equal(13);
    const csv = await visitor.request.get(`${server.url}${await visitor.getByRole('link', { name: /\(CSV\)$/ }).getAttribute('href')}`);
    expect(csv.status()).to.equal(200);
    const geo = await visitor.request.get(`${server.url}${await visitor.getByRole('link', { name: /GeoJSON/ }).getAttribute('href')}`);
    expect(((await geo.json()) as { features: unknown[] }).features).to.have.length(12);
    // Nothing else is reachable without login.
    expect((await visitor.request.get(`${server.url}/api/analysis/indicators`)).status()).to.equal(401);
    await visitor.getByLabel('Kennzahl').selectOption({ index: 3 });
    await map.waitFor();
    const violations = await axeViolations(visitor);
    expect(violations, violations.join('\n')).to.deep.equal([]);
    await screenshot(visitor, 'maps-public-de');
    expect(visitorProblems.errors).to.deep.equal([]);
    await context.close();
  });

  it('unpublishing in Auswertung removes the results from the public page; publishing brings them back', async function () {
    await page.goto(`${server.url}/auswertung`);
    await page.getByRole('heading', { name: 'Ergebnisse veröffentlichen' }).waitFor();
    await page.getByRole('button', { name: 'Veröffentlichung von Welle 1 zurückziehen' }).click();
    await page.getByText('Die Veröffentlichung von Welle 1 ist zurückgezogen.').waitFor();
    const { context, page: visitor } = await openPage(browser, { expectedStatuses: [404] });
    await visitor.goto(`${server.url}/ergebnisse`);
    await visitor.getByText('Zurzeit sind keine Ergebnisse veröffentlicht.').waitFor();
    expect((await visitor.request.get(`${server.url}/api/public/results/1`)).status()).to.equal(404);
    await page.getByRole('button', { name: 'Welle 1 veröffentlichen' }).click();
    await page.getByText('Welle 1 ist veröffentlicht.').waitFor();
    await visitor.reload();
    await visitor.getByRole('group', { name: /^Karte der Bezirke: / }).waitFor();
    await context.close();
    expect(problems.errors).to.deep.equal([]);
  });
});

// A server of its own: the upload changes the boundaries every map of the store draws.
describe('survey-ui boundary upload in Chromium', function () {
  this.timeout(180_000);
  let server: UiTestServer;
  let browser: Browser;
  let page: Page;
  let problems: PageProblems;

  before(async function () {
    ({ server, browser, page, problems } = await startSignedInSuite('planner'));
  });

  after(async function () {
    await stopUiSuite({ server, browser });
  });

  it('uploads district boundaries in Auswertung: a refused file lists its problems, a good one becomes the map', async function () {
    await page.goto(`${server.url}/auswertung`);
    await page.getByRole('heading', { name: 'Gebietsgrenzen für die Karten' }).waitFor();
    const current = (await (await page.request.get(`${server.url}/api/geography/areas?level=district`)).json()) as {
      geometry: { geojson: { type: string; features: { type: string; properties: Record<string, unknown>; geometry: unknown }[] } };
    };
    const features = current.geometry.geojson.features.map((f) => ({ ...f, properties: { name: f.properties.district } }));
    const file = (list: typeof features) => ({ name: 'bezirke.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: list })) });
    const form = page.locator('form.analysis-boundaries-form');
    // The refused upload answers 400 on purpose.
    problems.expectedStatuses.push(400);
    await form.getByLabel('GeoJSON-Datei').setInputFiles(file([{ ...features[0]!, properties: { name: 'Nordstadt' } }, ...features.slice(1)]));
    await form.getByRole('button', { name: 'Hochladen und prüfen' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Nicht in der Auswahlgrundlage: Nordstadt' });
    await alert.waitFor();
    await alert.getByText(`Fehlen in der Datei: ${String(features[0]!.properties.name)}`).waitFor();
    await form.getByLabel('GeoJSON-Datei').setInputFiles(file(features));
    await form.getByRole('button', { name: 'Hochladen und prüfen' }).click();
    await page.getByText('Version 2 (Bezirke) gespeichert: 12 Gebiete aus EPSG:4326.').waitFor();
    // The map now draws version 2, which is not schematic.
    await page.getByRole('group', { name: /^Karte \(Bezirke/ }).waitFor();
    expect(await page.locator('#map-district .choropleth__schematic').count()).to.equal(0);
    expect(problems.errors).to.deep.equal([]);
  });
});
