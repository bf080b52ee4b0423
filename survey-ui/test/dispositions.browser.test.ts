import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import type { InvitedHousehold } from '../../api/collection/testing/testHouseholds';
import { axeViolations, openPage, screenshot } from './browser';
import { demoLogin, signIn } from './demoUsers';
import type { UiTestServer } from './server';
import { startUiSuite, stopUiSuite } from './suite';

describe('fieldwork page in Chromium: return without questionnaire', function () {
  this.timeout(120_000);
  let server: UiTestServer;
  let browser: Browser;
  let households: InvitedHousehold[];

  before(async () => ({ server, browser, households } = await startUiSuite(2, ['97'])));
  after(() => stopUiSuite({ server, browser }));

  it('records an undeliverable letter by its code with the keyboard, the monitor count changes, and undo reopens it', async () => {
    const { context, page, problems } = await openPage(browser);
    await signIn(page, server.url, demoLogin(server, 'staff'));
    await page.goto(`${server.url}/erhebung`);
    const monitor = page.getByRole('table', { name: /Antwortquoten/ });
    const row = monitor.getByRole('row', { name: /^97\b/ });
    await row.waitFor();
    const unreachableCell = () => row.locator('td').nth(7); // after Welle, Angeschrieben, Begonnen, Online, Papier, Teilweise, Verweigert
    expect(await unreachableCell().innerText()).to.equal('0');

    const code = page.getByLabel('Zugangscode auf dem Brief oder Umschlag');
    // A typo in the check character is caught in the browser, before anything is sent.
    const good = households[0]!.code;
    const last = good.slice(-1);
    await code.fill(good.slice(0, -1) + (last === 'A' ? 'B' : 'A'));
    await code.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'Prüfzeichen' }).waitFor();
    const drawId = (await server.store.roster.get(households[0]!.householdId))!.drawId;
    expect(await server.store.dispositions.get(drawId, households[0]!.householdId)).to.equal(null);

    // Keyboard only: code, Tab into the choice group, arrows to "unzustellbar", Tab to the note, Enter saves.
    await code.fill(good);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space'); // first choice (refused) …
    await page.keyboard.press('ArrowDown'); // … then the next one: undeliverable
    expect(await page.getByLabel(/^Brief unzustellbar/).isChecked()).to.equal(true);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Empfänger unbekannt');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: `Haushalt ${households[0]!.householdId}` }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal('disposition-code');
    const stored = await server.store.dispositions.list();
    expect(stored.find((d) => d.householdId === households[0]!.householdId)).to.include({ disposition: 'unreachable', note: 'Empfänger unbekannt', recordedByUsername: 'staff' });

    // The monitor reloads: one undeliverable letter in district 97; it is listed for undo.
    await page.waitForFunction(() => {
      const r = [...document.querySelectorAll('table tr')].find((tr) => tr.querySelector('th')?.textContent === '97');
      return r?.querySelectorAll('td')[7]?.textContent === '1';
    });
    const recent = page.getByRole('table', { name: /Zuletzt erfasst/ });
    await recent.getByRole('row', { name: new RegExp(households[0]!.householdId) }).waitFor();
    expect(await axeViolations(page)).to.deep.equal([]);
    await screenshot(page, 'fieldwork-dispositions');

    await page.getByRole('button', { name: `Rückgängig: Haushalt ${households[0]!.householdId}` }).click();
    await page.getByRole('status').filter({ hasText: 'Rückgängig gemacht' }).waitFor();
    await page.waitForFunction(() => {
      const r = [...document.querySelectorAll('table tr')].find((tr) => tr.querySelector('th')?.textContent === '97');
      return r?.querySelectorAll('td')[7]?.textContent === '0';
    });
    expect((await server.store.dispositions.list()).some((d) => d.householdId === households[0]!.householdId)).to.equal(false);

    // Enter on the chosen radio button saves as well (no note needed).
    await code.fill(households[1]!.code);
    await page.keyboard.press('Tab'); // onto the choice kept from before: undeliverable
    await page.keyboard.press('ArrowUp'); // refused
    expect(await page.getByLabel(/^Verweigert/).isChecked()).to.equal(true);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: `Haushalt ${households[1]!.householdId}` }).waitFor();
    expect((await server.store.dispositions.list()).find((d) => d.householdId === households[1]!.householdId)).to.include({ disposition: 'refused', note: null });
    expect(problems.errors).to.deep.equal([]);
    await context.close();
  });
});
