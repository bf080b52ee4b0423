import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, resetSession, screenshot, type PageProblems } from './browser';
import { demoLogin, expectedNavigation, signIn } from './demoUsers';
import { startUiTestServer, type UiTestServer } from './server';

/** State-changing API calls from inside the signed-in page (same cookies, CSRF token from /api/session). */
async function apiFromPage(page: Page, method: string, path: string, body: unknown): Promise<number> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const session = await (await fetch('/api/session')).json();
      const response = await fetch(path, {
        method,
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrfToken },
        body: JSON.stringify(body),
      });
      return response.status;
    },
    { method, path, body },
  );
}

describe('survey-ui Verwaltung (admin) in Chromium', function () {
  this.timeout(90_000);
  let server: UiTestServer;
  let browser: Browser;
  let admin: Page;
  /** A second browser context for the accounts the admin creates. */
  let other: Page;
  let otherProblems: PageProblems;
  const newUser = { username: 'lena.koch', displayName: 'Lena Koch', password: 'Erhebung-Ost-2026!' };

  before(async function () {
    [server, browser] = await Promise.all([startUiTestServer(), launchBrowser()]);
    admin = (await openPage(browser, { expectedStatuses: [400, 409] })).page;
    ({ page: other, problems: otherProblems } = await openPage(browser));
    await signIn(admin, server.url, demoLogin(server, 'admin'));
    await admin.getByRole('link', { name: 'Verwaltung' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Verwaltung' }).waitFor();
  });

  after(async function () {
    await browser?.close();
    await server?.stop();
  });

  function userRow(username: string) {
    return admin.getByRole('table', { name: /^Benutzerkonten/ }).locator(`tr[data-username="${username}"]`);
  }

  it('lists the accounts in a captioned table; the signed-in admin cannot disable themselves', async function () {
    const table = admin.getByRole('table', { name: /^Benutzerkonten \(\d+\)$/ });
    await table.waitFor();
    expect(await table.getByRole('columnheader').allInnerTexts()).to.deep.equal([
      'Benutzername',
      'Anzeigename',
      'Rolle',
      'Status',
      'Angelegt am',
      'Aktionen',
    ]);
    for (const name of ['admin', 'planner', 'staff', 'staff2']) expect(await userRow(name).count(), name).to.equal(1);
    expect(await userRow('admin').getByRole('button', { name: /^Deaktivieren/ }).count()).to.equal(0);
    expect(await userRow('planner').getByRole('button', { name: 'Deaktivieren (planner)' }).count()).to.equal(1);
  });

  it('shows the API field errors next to the fields and focuses the first one', async function () {
    await admin.getByLabel('Benutzername', { exact: true }).fill('');
    await admin.getByLabel('Anzeigename', { exact: true }).fill('Lena Koch');
    await admin.getByLabel('Erstes Passwort').fill('kurz');
    await admin.getByRole('button', { name: 'Konto anlegen' }).click();
    const form = admin.getByRole('region', { name: 'Benutzerkonto anlegen' });
    await form.getByRole('alert').getByText(/Bitte korrigieren Sie die markierten Felder/).waitFor();
    const username = admin.getByLabel('Benutzername', { exact: true });
    const password = admin.getByLabel('Erstes Passwort');
    expect(await username.getAttribute('aria-invalid')).to.equal('true');
    expect(await password.getAttribute('aria-invalid')).to.equal('true');
    // The message is part of the field's description, so screen readers read it with the field.
    const describedBy = (await password.getAttribute('aria-describedby')) ?? '';
    const message = await admin.locator(`[id="${describedBy.split(' ')[0]}"]`).innerText();
    expect(message.length).to.be.greaterThan(0);
    expect(await admin.evaluate(() => document.activeElement?.id)).to.equal('new-username');
    await screenshot(admin, 'admin-field-errors');
  });

  it('creates an account that can sign in at once with its role', async function () {
    await admin.getByLabel('Benutzername', { exact: true }).fill(newUser.username);
    await admin.getByLabel('Anzeigename', { exact: true }).fill(newUser.displayName);
    await admin.getByLabel('Rolle', { exact: true }).selectOption({ label: 'Planung' });
    await admin.getByLabel('Erstes Passwort').fill(newUser.password);
    await admin.getByRole('button', { name: 'Konto anlegen' }).click();
    await admin.getByRole('status').getByText(`Das Konto ${newUser.username} wurde angelegt.`).waitFor();
    await userRow(newUser.username).waitFor();
    expect(await userRow(newUser.username).innerText()).to.contain('Planung');
    expect(await admin.getByLabel('Benutzername', { exact: true }).inputValue()).to.equal('');
    // The change is in the audit log at once.
    await admin.getByRole('table', { name: /^Änderungsprotokoll/ }).getByText(newUser.username).first().waitFor();

    await resetSession(other, otherProblems);
    const page = other;
    await signIn(page, server.url, newUser);
    expect(await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link').allInnerTexts()).to.deep.equal(expectedNavigation.planner);
    expect(await page.locator('header').innerText()).to.contain(`Angemeldet als ${newUser.displayName} (Planung)`);
  });

  it('disables and enables an account; a disabled account cannot sign in', async function () {
    await userRow(newUser.username).getByRole('button', { name: `Deaktivieren (${newUser.username})` }).click();
    await admin.getByRole('status').getByText(`Das Konto ${newUser.username} wurde deaktiviert.`).waitFor();
    // The notice is shown before the list has reloaded: wait for the row to show the new state.
    await userRow(newUser.username).filter({ hasText: 'Deaktiviert' }).waitFor();
    expect(await userRow(newUser.username).innerText()).to.contain('Deaktiviert');

    await resetSession(other, otherProblems, [401]);
    const page = other;
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Benutzername').fill(newUser.username);
    await page.getByLabel('Passwort', { exact: true }).fill(newUser.password);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('alert').getByText('Benutzername oder Passwort ist falsch.').waitFor();
    expect(page.url()).to.equal(`${server.url}/login`);

    await userRow(newUser.username).getByRole('button', { name: `Aktivieren (${newUser.username})` }).click();
    await admin.getByRole('status').getByText(`Das Konto ${newUser.username} wurde aktiviert.`).waitFor();
    await userRow(newUser.username).filter({ hasNotText: 'Deaktiviert' }).waitFor();
    expect(await userRow(newUser.username).innerText()).to.contain('Aktiv');
  });

  it('resets a password in a modal dialog with managed focus', async function () {
    const trigger = userRow(newUser.username).getByRole('button', { name: `Passwort zurücksetzen (${newUser.username})` });
    await trigger.click();
    const dialog = admin.getByRole('dialog', { name: 'Passwort zurücksetzen' });
    await dialog.waitFor();
    expect(await admin.evaluate(() => document.activeElement?.id)).to.equal('reset-password');
    // Escape closes the dialog and returns the focus to the button that opened it.
    await admin.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await trigger.evaluate((element) => element === document.activeElement)).to.equal(true);

    await admin.keyboard.press('Enter');
    await dialog.waitFor();
    await admin.keyboard.type('Neues-Passwort-2026!');
    await screenshot(admin, 'admin-reset-dialog');
    await admin.keyboard.press('Enter');
    await admin.getByRole('status').getByText(`Das Passwort für ${newUser.username} wurde zurückgesetzt.`).waitFor();
    expect(await trigger.evaluate((element) => element === document.activeElement)).to.equal(true);

    await resetSession(other, otherProblems);
    const page = other;
    await signIn(page, server.url, { username: newUser.username, password: 'Neues-Passwort-2026!' });
  });

  it('pages through the audit log and offers it as CSV', async function () {
    // Enough changes for more than one page of 20 entries.
    const id = await admin.evaluate(async (username) => {
      const { users } = await (await fetch('/api/admin/users')).json();
      return users.find((user: { username: string }) => user.username === username).id;
    }, newUser.username);
    for (let i = 1; i <= 21; i += 1) {
      expect(await apiFromPage(admin, 'PATCH', `/api/admin/users/${id}`, { displayName: `Lena Koch ${i}` })).to.equal(200);
    }
    await admin.reload();
    const log = admin.getByRole('table', { name: /^Änderungsprotokoll, Einträge 1 bis 20 von \d+$/ });
    await log.waitFor();
    expect(await log.locator('tbody tr').count()).to.equal(20);
    const newest = log.locator('tbody tr').first();
    expect(await newest.innerText()).to.match(/admin\s+Konto geändert\s+Benutzerkonto\s+lena\.koch · planner · active\s+changed: displayName/);
    const pager = admin.getByRole('navigation', { name: 'Seiten des Änderungsprotokolls' });
    expect(await pager.getByRole('button', { name: 'Neuere Einträge' }).isDisabled()).to.equal(true);
    await pager.getByRole('button', { name: 'Ältere Einträge' }).click();
    await admin.getByRole('table', { name: /^Änderungsprotokoll, Einträge 21 bis \d+ von \d+$/ }).waitFor();
    expect(await pager.getByText(/^Seite 2 von \d+$/).count()).to.equal(1);
    await screenshot(admin, 'admin-page');

    const download = admin.waitForEvent('download');
    await admin.getByRole('link', { name: 'CSV herunterladen' }).click();
    const file = await download;
    const path = await file.path();
    const { readFileSync } = await import('node:fs');
    const csv = readFileSync(path, 'utf8');
    expect(csv.split('\n')[0]).to.contain('action');
    expect(csv.match(/user\.update/g)?.length ?? 0).to.be.at.least(21);
  });
});
