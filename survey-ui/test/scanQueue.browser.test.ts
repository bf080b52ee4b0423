import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { writeSyntheticBatch } from '../../api/paper/testing/syntheticBatch';
import { axeViolations, launchBrowser, openPage, screenshot } from './browser';
import { demoLogin, signIn } from './demoUsers';
import { startUiTestServer, type UiTestServer } from './server';

describe('survey-ui Gescannte Fragebögen (staff) in Chromium', function () {
  this.timeout(180_000);
  let server: UiTestServer;
  let browser: Browser;
  let dir: string;
  let formId = '';
  let householdId = '';

  before(async () => {
    [server, browser] = await Promise.all([startUiTestServer(), launchBrowser()]);
    const draw = (await server.store.draws.list())[0]!;
    for (const ref of await server.store.paperForms.listByDraw(draw.id)) {
      if (!(await server.store.responses.submittedForHousehold(ref.householdId)) && !(await server.store.paperEntries.get(ref.householdId))) {
        formId = ref.formId;
        householdId = ref.householdId;
        break;
      }
    }
    dir = mkdtempSync(join(tmpdir(), 'scan-ui-'));
    await writeSyntheticBatch(dir, { forms: 1, seed: 5150, formIds: [formId], pagesPerForm: 2, singlePdf: true, largePrintShare: 0 });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('uploads a scanned PDF, verifies its items with the keyboard and the form becomes a paper-scan response', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, server.url, demoLogin(server, 'staff'));
    await page.goto(`${server.url}/erhebung`);
    await page.getByRole('link', { name: 'Gescannte Fragebögen einlesen und prüfen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gescannte Fragebögen' }).waitFor();

    await page.getByLabel('Scan-Datei').setInputFiles(join(dir, 'batch.pdf'));
    await page.getByRole('button', { name: 'Einlesen' }).click();
    await page.getByRole('status').filter({ hasText: '2 von 2 Seiten gelesen, 1 Fragebögen in der Prüfliste.' }).waitFor({ timeout: 60_000 });
    const queue = page.getByRole('table', { name: /Gescannte Fragebögen, die auf Prüfung warten/ });
    await queue.getByRole('row', { name: new RegExp(formId) }).waitFor();
    expect(await axeViolations(page)).to.deep.equal([]);

    await queue.getByRole('button', { name: `Prüfen: Formular ${formId}` }).click();
    await page.getByRole('heading', { level: 2, name: `Formular ${formId} prüfen` }).waitFor();
    const first = page.getByRole('heading', { level: 3, name: /^Punkt 1 von (\d+)/ });
    await first.waitFor();
    const count = Number(/von (\d+)/.exec(await first.innerText())![1]);
    expect(await page.getByRole('img', { name: /Ausschnitt des Scans/ }).count()).to.be.at.most(1);
    // Keyboard only: the item panel has the focus; 1 picks the first answer (or types nothing for a number), Enter goes on.
    for (let i = 0; i < count; i++) {
      await page.getByRole('heading', { level: 3, name: new RegExp(`^Punkt ${i + 1} von ${count}`) }).waitFor();
      const number = page.getByLabel(/^Zahl für/);
      if ((await number.count()) > 0) {
        await number.fill('2');
        await number.press('Enter');
      } else {
        await page.keyboard.press('1');
        await page.keyboard.press('Enter');
      }
    }
    await page.getByText(`Alle ${count} Punkte entschieden.`).waitFor();
    expect(await axeViolations(page)).to.deep.equal([]);
    await screenshot(page, 'scan-queue-verify');
    await page.getByRole('button', { name: 'Formular bestätigen' }).click();
    await page.getByRole('status').filter({ hasText: `Formular ${formId} ist bestätigt und als Antwort gezählt.` }).waitFor();
    const response = await server.store.responses.submittedForHousehold(householdId);
    expect(response).to.deep.include({ mode: 'paper-scan', status: 'submitted' });
    expect((await server.store.scannedForms.get(formId))!.status).to.equal('verified');
    expect(problems.errors).to.deep.equal([]);
  });

  it('advises scanning in grey when an upload holds pages scanned in black and white', async () => {
    const bw = await writeSyntheticBatch(join(dir, 'bw'), { forms: 1, seed: 5152, formIds: ['BW-0002'], pagesPerForm: 1, pdfs: false, largePrintShare: 0, format: 'bilevel' });
    const file = readdirSync(bw.dir).find((f) => f.startsWith('scan-'))!;
    const { page, problems } = await openPage(browser);
    await signIn(page, server.url, demoLogin(server, 'staff'));
    await page.goto(`${server.url}/erhebung/scans`);
    await page.getByLabel('Scan-Datei').setInputFiles(join(bw.dir, file));
    await page.getByRole('button', { name: 'Einlesen' }).click();
    await page.getByRole('status').filter({ hasText: '1 von 1 Seiten gelesen' }).waitFor({ timeout: 60_000 });
    const note = page.getByRole('note');
    expect(await note.innerText()).to.match(/^1 von 1 Seiten wurden schwarz-weiß \(1 Bit\) gescannt\..*Graustufen \(200–300 dpi\)/s);
    expect(await axeViolations(page)).to.deep.equal([]);
    expect(problems.errors).to.deep.equal([]);
  });
});
