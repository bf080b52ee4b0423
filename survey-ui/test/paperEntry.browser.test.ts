import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { reconcilePaperForm, savePaperEntry } from '../../api/collection/paperService';
import type { InvitedHousehold } from '../../api/collection/testing/testHouseholds';
import { artifactsDir, axeViolations, openPage, screenshot } from './browser';
import { demoLogin, signIn } from './demoUsers';
import type { UiTestServer } from './server';
import { startUiSuite, stopUiSuite } from './suite';

describe('fieldwork page in Chromium: monitor, blind double paper entry and reconciliation', function () {
  this.timeout(120_000);
  let server: UiTestServer;
  let browser: Browser;
  let households: InvitedHousehold[];

  before(async () => ({ server, browser, households } = await startUiSuite(3, ['99'])));
  after(() => stopUiSuite({ server, browser }));

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

  it('keys a whole form with number keys and Enter; the stored answers match', async () => {
    const { context, page, problems } = await openPage(browser);
    await signIn(page, server.url, demoLogin(server, 'staff'));
    await page.goto(`${server.url}/erhebung`);
    const code = page.getByLabel('Zugangscode auf dem Fragebogen');
    await code.fill(households[2]!.code);
    await code.press('Enter');
    await page.getByLabel(/^children_count:/).waitFor();
    expect(await page.locator('#paper-keys').innerText()).to.match(/Zahlentasten 1 bis 9/);
    await page.getByLabel(/^children_count:/).focus();
    // Typed, question by question, Enter after each: text answers as digits, choices by position.
    const keys: [string, string[]][] = [
      ['children_count', ['2']],
      ['youngest_child_age', ['4']],
      ['oldest_child_age', ['9']],
      ['single_parent', ['2']],
      ['adults_count', ['2']],
      ['respondent_role', ['3']],
      ['home_language', ['1', '2']], // a second key replaces a single choice
    ];
    for (const [name, typed] of keys) {
      expect(await page.evaluate(() => document.activeElement?.id)).to.equal(`pq-${name}`);
      for (const key of typed) await page.keyboard.press(key);
      await page.keyboard.press('Enter');
    }
    await page.getByLabel(/^info_channels:/).focus();
    for (const key of ['3', '1', '7', '3']) await page.keyboard.press(key); // multiple choice: 3 on, 1 on, 7 on, 3 off
    expect(await page.getByLabel(/^info_channels:/).inputValue()).to.equal('1,7');
    expect(await page.locator('#pq-info_channels-chosen').innerText()).not.to.equal('');
    await page.getByLabel(/^life_quality:/).focus();
    await page.keyboard.type('10'); // 11 choices (0–10): digits are typed as the printed code
    await page.getByLabel(/^comment:/).focus();
    await page.keyboard.type('Mehr Spielplätze 2');
    await page.keyboard.press('Enter'); // last question: Enter goes to the save button
    expect(await page.evaluate(() => document.activeElement?.textContent)).to.equal('Erfassung speichern');
    // The keyboard help and the first keyed answers; the viewport only, the whole form is very long.
    await page.locator('#paper-keys').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${artifactsDir}fieldwork-paper-keys.png`, timeout: 30_000 });
    await page.getByRole('button', { name: 'Erfassung speichern' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Gespeichert' }).waitFor();
    const entry = (await server.store.paperEntries.get(households[2]!.householdId))!;
    expect(entry.entry1Answers).to.deep.equal({
      children_count: 2,
      youngest_child_age: 4,
      oldest_child_age: 9,
      single_parent: 2,
      adults_count: 2,
      respondent_role: 3,
      home_language: 2,
      info_channels: [1, 7],
      life_quality: 10,
      comment: 'Mehr Spielplätze 2',
    });
    expect(await axeViolations(page)).to.deep.equal([]);
    expect(problems.errors).to.deep.equal([]);
    await context.close();
  });

  it('admin reconciles the disagreement on the Abgleich screen and the form leaves the queue', async () => {
    const { context, page, problems } = await openPage(browser);
    await signIn(page, server.url, demoLogin(server, 'admin'));
    await page.goto(`${server.url}/erhebung`);
    const householdId = households[0]!.householdId;
    const queue = page.getByRole('table', { name: /Fragebögen mit zwei abweichenden Erfassungen/ });
    await queue.getByRole('row', { name: new RegExp(householdId) }).waitFor();
    await page.getByRole('button', { name: `Abgleichen: Haushalt ${householdId}` }).click();
    const differences = page.getByRole('table', { name: /Abweichende Fragen \(1\)/ });
    await differences.waitFor();
    // Only the disagreeing question is listed, and focus moved to the form's heading.
    expect(await differences.locator('tbody tr').count()).to.equal(1);
    expect(await differences.locator('tbody th').innerText()).to.match(/^adults_count:/);
    expect(await page.evaluate(() => document.activeElement?.textContent)).to.equal(`Abgleich Haushalt ${householdId}`);
    expect(await axeViolations(page)).to.deep.equal([]);
    await screenshot(page, 'fieldwork-reconcile');
    // Saving without a choice names the open question instead of sending anything.
    await page.getByRole('button', { name: 'Abgleich speichern' }).click();
    expect(await page.getByRole('alert').innerText()).to.contain('adults_count');
    const group = page.getByRole('group', { name: 'Wert für adults_count' });
    await group.getByLabel(/^Erfassung 2 übernehmen \(3\)/).check();
    await page.getByRole('button', { name: 'Abgleich speichern' }).click();
    await page.getByRole('status').filter({ hasText: `Haushalt ${householdId} ist abgeglichen` }).waitFor();
    // The queue is reloaded after saving: the form's button disappears once the new queue is shown.
    await page.getByRole('button', { name: `Abgleichen: Haushalt ${householdId}` }).waitFor({ state: 'detached', timeout: 10_000 });
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal('reconcile-title');
    const entry = (await server.store.paperEntries.get(householdId))!;
    expect(entry.status).to.equal('reconciled');
    expect(entry.reconciledAnswers).to.include({ adults_count: 3, children_count: 2 });
    expect(problems.errors).to.deep.equal([]);
    await context.close();
  });

  it('shows a clear message when someone else reconciled the form first (409)', async () => {
    const householdId = households[1]!.householdId;
    const [staff, staff2, admin] = await Promise.all(['staff', 'staff2', 'admin'].map((name) => server.store.users.getByUsername(name)));
    await savePaperEntry(server.store, staff!, householdId, { children_count: 1, adults_count: 2 }, 'de');
    await savePaperEntry(server.store, staff2!, householdId, { children_count: 2, adults_count: 2 }, 'de');
    const { context, page, problems } = await openPage(browser, { expectedStatuses: [409] });
    await signIn(page, server.url, demoLogin(server, 'staff'));
    await page.goto(`${server.url}/erhebung`);
    await page.getByRole('button', { name: `Abgleichen: Haushalt ${householdId}` }).click();
    const group = page.getByRole('group', { name: 'Wert für children_count' });
    await group.getByLabel('Anderen Wert eintragen').check();
    await page.getByLabel('Korrigierter Wert für children_count (leer lassen = keine Antwort)').fill('3');
    const { revision } = (await server.store.paperEntries.get(householdId))!;
    await reconcilePaperForm(server.store, admin!, householdId, { revision, resolutions: { children_count: { choice: 'entry1' } } }, 'de');
    await page.getByRole('button', { name: 'Abgleich speichern' }).click();
    expect(await page.getByRole('alert').innerText()).to.match(new RegExp(`Haushalt ${householdId} wurde inzwischen von einer anderen Person abgeglichen`));
    await page.getByRole('button', { name: `Abgleichen: Haushalt ${householdId}` }).waitFor({ state: 'detached', timeout: 10_000 });
    expect((await server.store.paperEntries.get(householdId))!.reconciledAnswers).to.include({ children_count: 1 });
    expect(await axeViolations(page)).to.deep.equal([]);
    expect(problems.errors).to.deep.equal([]);
    await context.close();
  });
});
