import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { generateFrame } from '../../fixtures/syntheticFrame';
import { DEMO_FRAME_SEED } from '../../api/samplingWorkflow/demoSampling';
import { SYNTHETIC_FRAME_MAPPING, syntheticRegisterCsv } from '../../api/samplingWorkflow/syntheticContacts';
import { ApiClient } from '../../api/testing/apiClient';
import { axeViolations, launchBrowser, openPage, screenshot, type PageProblems } from './browser';
import { demoLogin, signIn } from './demoUsers';
import { startUiTestServer, type UiTestServer } from './server';

/** Imports a register extract over the API (the import screen has its own test). */
async function importFrame(server: UiTestServer, csv: string, name: string): Promise<string> {
  const client = new ApiClient(server.url);
  const login = demoLogin(server, 'planner');
  expect((await client.login(login.username, login.password)).status).to.equal(200);
  const uploaded = await client.sendBytes('POST', '/api/sampling/uploads', csv, { 'content-type': 'text/csv', 'x-file-name': encodeURIComponent(`${name}.csv`) });
  expect(uploaded.status).to.equal(201);
  const { upload } = (await uploaded.json()) as { upload: { id: string } };
  const started = await client.post('/api/sampling/imports', { uploadId: upload.id, name, mapping: SYNTHETIC_FRAME_MAPPING });
  const importId = ((await started.json()) as { import: { id: string } }).import.id;
  for (let i = 0; i < 1200; i++) {
    const { import: progress } = (await (await client.get(`/api/sampling/imports/${importId}`)).json()) as { import: { state: string; frameId: string | null } };
    if (progress.state === 'done') return progress.frameId!;
    if (progress.state !== 'validating' && progress.state !== 'writing') throw new Error(`import ended in state ${progress.state}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import did not finish');
}

describe('survey-ui Stichprobe: panel and waves (planner) in Chromium', function () {
  this.timeout(120_000);
  let server: UiTestServer;
  let browser: Browser;
  let page: Page;
  let problems: PageProblems;
  let demoDrawId: string;

  before(async function () {
    [server, browser] = await Promise.all([startUiTestServer(), launchBrowser()]);
    ({ page, problems } = await openPage(browser));
    demoDrawId = (await server.store.draws.list())[0]!.id;
    await signIn(page, server.url, demoLogin(server, 'planner'));
    await page.getByRole('link', { name: 'Stichprobe' }).click();
    await page.getByRole('heading', { level: 2, name: 'Panel und Wellen' }).waitFor();
  });

  after(async function () {
    await browser?.close();
    await server?.stop();
  });

  it('shows the demo wave with its districts in the panel overview', async function () {
    const overview = page.getByRole('table', { name: 'Wellen im Überblick' });
    const row = overview.locator(`tr[data-draw-id="${demoDrawId}"]`);
    await row.waitFor();
    expect(await row.getByRole('rowheader').innerText()).to.match(/^Welle 1 · .* · Demo: synthetische Auswahlgrundlage Gera$/);
    const units = await server.store.sampleUnits.listByDraw(demoDrawId);
    const invited = units.filter((u) => u.status === 'invited').length;
    expect(await row.locator('td').nth(1).innerText()).to.equal(String(invited));
    const districts = page.getByRole('table', { name: /^Bezirke: Welle 1 · / });
    expect(await districts.locator('tbody tr').count()).to.equal(12);
    const violations = await axeViolations(page);
    expect(violations, violations.join('\n')).to.deep.equal([]);
  });

  it('releases a reserve batch in every district after confirming, and shows the recomputed weights', async function () {
    const frame = (await server.store.frames.get((await server.store.draws.get(demoDrawId))!.frameId))!;
    const before = await server.store.sampleUnits.listByDraw(demoDrawId);
    const district = frame.districts[0]!;
    const contacted = before.filter((u) => u.district === district.district && u.status !== 'reserve').length;
    const expectedWeight = (district.households / (contacted + 1)).toLocaleString('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

    await page.getByLabel('Bezirk', { exact: true }).selectOption({ label: 'Alle Bezirke mit Reserve' });
    await page.getByLabel('Haushalte je Bezirk freigeben').fill('1');
    const preview = page.getByRole('table', { name: 'Vorschau: Designgewicht vor und nach der Freigabe' });
    await preview.waitFor();
    expect(await preview.locator('tbody tr').count()).to.equal(12);
    expect(await preview.getByRole('row', { name: new RegExp(`^${district.district} `) }).locator('td').nth(2).innerText()).to.equal(expectedWeight);
    const submit = page.getByRole('button', { name: 'Reserve freigeben' });
    expect(await submit.isDisabled()).to.equal(true);
    await page.getByLabel(/Ich bestätige: 12 Reserve-Haushalte werden zusätzlich angeschrieben/).check();
    await submit.click();
    const done = page.getByRole('status').filter({ hasText: /^12 Reserve-Haushalte freigegeben\. Neue Designgewichte:/ });
    await done.waitFor();
    expect(await done.innerText()).to.contain(`${district.district} ${expectedWeight}`);

    const after = await server.store.sampleUnits.listByDraw(demoDrawId);
    expect(after.filter((u) => u.status === 'released')).to.have.length(12);
    const audit = await server.store.audit.list({ limit: 5, offset: 0 });
    expect(audit.find((a) => a.action === 'draw.reserve.release')?.entityId).to.equal(demoDrawId);
    await screenshot(page, 'sampling-panel-reserve');
  });

  it('starts wave 2 from a newly imported register extract and lists it in the overview', async function () {
    // The 2027 extract: the demo households without the first 100 (moved away).
    const rows = generateFrame({ seed: DEMO_FRAME_SEED, districts: 12 }).slice(100);
    const frameId = await importFrame(server, syntheticRegisterCsv(rows, ';'), 'Registerauszug 2027');
    // Expected stayers: wave-1 households with a completed questionnaire that are still registered.
    const stillRegistered = new Set(rows.map((r) => r.household_id));
    const submitted = new Set((await server.store.responses.list({ status: 'submitted' })).map((r) => r.householdId));
    const contactedIds = (await server.store.sampleUnits.listByDraw(demoDrawId)).filter((u) => u.status !== 'reserve').map((u) => u.householdId);
    const demoFrameId = (await server.store.draws.get(demoDrawId))!.frameId;
    const contacts = await server.store.contacts.getMany(demoFrameId, contactedIds);
    const stayers = contacts.filter((c) => submitted.has(c.householdId) && stillRegistered.has(c.registerId)).length;
    expect(stayers).to.be.above(0);

    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Panel und Wellen' }).waitFor();
    await page.getByLabel('Neue Auswahlgrundlage (aktueller Registerauszug)').selectOption({ value: frameId });
    await page.getByLabel('Auffrischung je Bezirk (Haushalte)', { exact: true }).fill('2');
    await page.getByLabel('Startwert der Auffrischung').fill('777');
    await page.getByRole('button', { name: 'Welle 2 beginnen' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: new RegExp(`^Welle 2 begonnen: ${stayers} Panel-Haushalte erneut eingeladen, \\d+ ausgeschieden, 24 Haushalte in der Auffrischung \\(Startwert 777\\)`) })
      .waitFor();
    const wave2 = (await server.store.draws.list()).find((d) => d.wave === 2)!;
    expect(wave2.frameId).to.equal(frameId);
    const overview = page.getByRole('table', { name: 'Wellen im Überblick' });
    const row = overview.locator(`tr[data-draw-id="${wave2.id}"]`);
    await row.waitFor();
    expect(await row.getByRole('rowheader').innerText()).to.match(/^Welle 2 · .* · Registerauszug 2027$/);
    // Panel and new households of wave 2 in their columns; the draw is selected for the letters.
    expect(await row.locator('td').nth(2).innerText()).to.equal(String(stayers));
    expect(await row.locator('td').nth(3).innerText()).to.equal('24');
    await page.getByRole('table', { name: /^Bezirke: Welle 2 · / }).getByRole('columnheader', { name: 'Haltequote' }).waitFor();
    // The form now continues from wave 2.
    await page.getByRole('heading', { level: 3, name: 'Welle 3 beginnen' }).waitFor();
    const draws = page.getByRole('table', { name: 'Ziehungen dieser Auswahlgrundlage' });
    await draws.getByRole('cell', { name: '777' }).waitFor();
    const violations = await axeViolations(page);
    expect(violations, violations.join('\n')).to.deep.equal([]);
    expect(problems.errors).to.deep.equal([]);
    await screenshot(page, 'sampling-panel-wave2');
  });
});
