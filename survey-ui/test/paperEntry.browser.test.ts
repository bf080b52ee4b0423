import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { codeHmacSecret } from '../../api/sampling/lettersService';
import { createInvitedHouseholds, type InvitedHousehold } from '../../api/collection/testHouseholds';
import { axeViolations, launchBrowser, openPage, screenshot } from './browser';
import { demoLogin, signIn } from './demoUsers';
import { startUiTestServer, type UiTestServer } from './server';

describe('fieldwork page in Chromium: monitor and blind double paper entry', function () {
  this.timeout(120_000);
  let server: UiTestServer;
  let browser: Browser;
  let households: InvitedHousehold[];

  before(async () => {
    [server, browser] = await Promise.all([startUiTestServer(), launchBrowser()]);
    households = await createInvitedHouseholds(server.store, codeHmacSecret(server.dataDir), 2, ['99']);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function enterForm(account: 'staff' | 'staff2', adults: string): Promise<string> {
    const { context, page, problems } = await openPage(browser);
    await signIn(page, server.url, demoLogin(server, account));
    await page.goto(`${server.url}/erhebung`);
    await page.getByRole('table', { name: /Antwortquoten/ }).waitFor();
    await page.getByLabel('Zugangscode auf dem Fragebogen').fill(households[0]!.code);
    await page.getByLabel('Zugangscode auf dem Fragebogen').press('Enter');
    const first = page.getByLabel(/^children_count:/);
    await first.waitFor();
    await first.fill('2');
    await page.keyboard.press('Tab');
    await page.getByLabel(/^youngest_child_age:/).fill('4');
    await page.getByLabel(/^single_parent:/).fill('2');
    await page.getByLabel(/^adults_count:/).fill(adults);
    await page.getByRole('button', { name: 'Erfassung speichern' }).click();
    const status = await page.getByRole('status').filter({ hasText: 'Gespeichert' }).innerText();
    if (account === 'staff') {
      expect(await axeViolations(page)).to.deep.equal([]);
      await screenshot(page, 'fieldwork-paper-entry');
    }
    expect(problems.errors).to.deep.equal([]);
    await context.close();
    return status;
  }

  it('two staff members enter the same form blind; the disagreement waits for reconciliation', async () => {
    expect(await enterForm('staff', '2')).to.match(/zweite Erfassung/);
    expect(await enterForm('staff2', '3')).to.match(/Abgleich/);
    const entry = (await server.store.paperEntries.get(households[0]!.householdId))!;
    expect(entry.status).to.equal('awaiting-reconciliation');
    expect(entry.entry1Answers).to.include({ adults_count: 2 });
    expect(entry.entry2Answers).to.include({ adults_count: 3 });
  });
});
