import { expect } from 'chai';
import type { Browser, Page, Request } from 'playwright-core';
import { hashSessionId } from '../../api/http/sessions';
import { launchBrowser, openPage, resetSession, screenshot, type PageProblems } from './browser';
import { demoLogin, expectedNavigation, signIn, signInByApi } from './demoUsers';
import { startUiTestServer, type UiTestServer } from './server';

describe('survey-ui shell in Chromium', function () {
  this.timeout(60_000);
  let server: UiTestServer;
  let browser: Browser;
  let page: Page;
  let problems: PageProblems;

  before(async function () {
    // A low lockout threshold so the lockout message can be provoked in a few attempts.
    [server, browser] = await Promise.all([startUiTestServer({ LOGIN_MAX_FAILURES_PER_USER: '3' }), launchBrowser()]);
    ({ page, problems } = await openPage(browser));
  });

  beforeEach(async function () {
    await resetSession(page, problems);
  });

  after(async function () {
    await browser?.close();
    await server?.stop();
  });

  for (const name of ['admin', 'planner', 'staff'] as const) {
    it(`signs in ${name} and shows exactly the sections of the role`, async function () {
      await signIn(page, server.url, demoLogin(server, name));
      const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
      expect(await nav.getByRole('link').allInnerTexts()).to.deep.equal(expectedNavigation[name]);
      // The start page is the first permitted section, marked as current and headed by its name.
      const current = nav.locator('[aria-current="page"]');
      expect(await current.innerText()).to.equal(expectedNavigation[name][0]);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).to.equal(expectedNavigation[name][0]);
      expect(await page.locator('header').innerText()).to.match(/Angemeldet als .+ \((Administration|Planung|Erhebungsteam)\)/);
      await screenshot(page, `start-${name}`);
      expect(problems.errors).to.deep.equal([]);
    });
  }

  it('navigates between sections without reloading and moves focus to the new heading', async function () {
    await signIn(page, server.url, demoLogin(server, 'planner'));
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    await page.getByRole('link', { name: 'Auswertung' }).click();
    await page.getByRole('heading', { level: 1, name: 'Auswertung' }).waitFor();
    expect(page.url()).to.equal(`${server.url}/auswertung`);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).to.equal(42);
    expect(await page.evaluate(() => `${document.activeElement?.tagName} ${document.activeElement?.textContent}`)).to.equal('H1 Auswertung');
    expect(await page.getByRole('link', { name: 'Auswertung' }).getAttribute('aria-current')).to.equal('page');
    expect(await page.getByRole('link', { name: 'Stichprobe' }).getAttribute('aria-current')).to.equal(null);
    expect(await page.title()).to.match(/^Auswertung – Familienbefragung /);
    await page.goBack();
    await page.waitForURL(`${server.url}/stichprobe`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).to.equal('Stichprobe');
  });

  it('shows the API error for a wrong password in an alert and keeps the user on the login page', async function () {
    problems.expectedStatuses = [401];
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Benutzername').fill('planner');
    await page.getByLabel('Passwort', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    const alert = page.getByRole('alert');
    await alert.getByText('Benutzername oder Passwort ist falsch.').waitFor();
    expect(page.url()).to.equal(`${server.url}/login`);
    expect(await page.getByLabel('Passwort', { exact: true }).inputValue()).to.equal('');
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal('login-password');
    await screenshot(page, 'login-error');
    expect(problems.errors).to.deep.equal([]);
  });

  it('asks for both fields before sending anything', async function () {
    await page.goto(`${server.url}/login`);
    let loginRequests = 0;
    const countLogins = (request: Request) => {
      if (request.url().endsWith('/api/auth/login')) loginRequests += 1;
    };
    page.on('request', countLogins);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('alert').getByText('Bitte geben Sie Benutzername und Passwort ein.').waitFor();
    page.off('request', countLogins);
    expect(loginRequests).to.equal(0);
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal('login-username');
  });

  it('shows the lockout message after repeated failures', async function () {
    problems.expectedStatuses = [401, 429];
    await page.goto(`${server.url}/login`);
    const alert = page.getByRole('alert');
    let locked = false;
    for (let attempt = 0; attempt < 6 && !locked; attempt += 1) {
      await page.getByLabel('Benutzername').fill('staff2');
      await page.getByLabel('Passwort', { exact: true }).fill(`wrong-${attempt}`);
      const answer = page.waitForResponse((response) => response.url().endsWith('/api/auth/login'));
      await page.getByRole('button', { name: 'Anmelden' }).click();
      locked = (await answer).status() === 429;
    }
    expect(locked, 'the API answered 429 within 6 attempts').to.equal(true);
    await alert.getByText('Anmeldung vorübergehend gesperrt').waitFor();
    expect(await alert.innerText()).to.match(/gesperrt/);
    await screenshot(page, 'login-locked');
  });

  it('signs in with the keyboard only (Tab and Enter)', async function () {
    await page.goto(`${server.url}/login`);
    await page.getByRole('heading', { name: 'Anmelden' }).waitFor();
    // The first Tab reaches the skip link, which jumps to the main content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).to.equal('Zum Inhalt springen');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal('main');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal('login-username');
    await page.keyboard.type(demoLogin(server, 'staff').username);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal('login-password');
    await page.keyboard.type(demoLogin(server, 'staff').password);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${server.url}/erhebung`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).to.equal('Erhebung');
    // After in-app navigation the new page's heading takes the focus (in an effect after paint):
    // wait for it, or the Tab below may be overtaken by it.
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    // The focus ring is visible on keyboard focus.
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element);
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    expect(outline.style).to.equal('solid');
    expect(outline.width).to.be.at.least(2);
  });

  it('keeps staff out of Verwaltung: no link, a no-access page for the URL, and 403 from the API', async function () {
    problems.expectedStatuses = [403];
    await signIn(page, server.url, demoLogin(server, 'staff'));
    expect(await page.getByRole('link', { name: 'Verwaltung' }).count()).to.equal(0);
    await page.goto(`${server.url}/verwaltung`);
    await page.getByRole('heading', { level: 1, name: 'Kein Zugriff' }).waitFor();
    expect(await page.locator('main').innerText()).to.contain('„Erhebungsteam“ hat keinen Zugriff auf den Bereich „Verwaltung“');
    await page.goto(`${server.url}/stichprobe`);
    await page.getByRole('heading', { level: 1, name: 'Kein Zugriff' }).waitFor();
    await screenshot(page, 'no-access-staff');
    const status = await page.evaluate(async () => (await fetch('/api/admin/users')).status);
    expect(status).to.equal(403);
    expect(problems.errors).to.deep.equal([]);
  });

  it('sends a signed-out visitor of a section to the login page and back after signing in', async function () {
    await page.goto(`${server.url}/auswertung`);
    await page.waitForURL(`${server.url}/login?next=%2Fauswertung`);
    await page.getByLabel('Benutzername').fill(demoLogin(server, 'planner').username);
    await page.getByLabel('Passwort', { exact: true }).fill(demoLogin(server, 'planner').password);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL(`${server.url}/auswertung`);
  });

  it('signs out and forgets the session', async function () {
    await signIn(page, server.url, demoLogin(server, 'planner'));
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.waitForURL(`${server.url}/login`);
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Hauptnavigation' }).count()).to.equal(0);
    const session = await page.evaluate(async () => (await fetch('/api/session')).json());
    expect(session.user).to.equal(null);
    await page.goto(`${server.url}/stichprobe`);
    await page.waitForURL(/\/login\?next=/);
    // Signing in again right away works: the CSRF token was renewed after the logout.
    await page.getByLabel('Benutzername').fill(demoLogin(server, 'planner').username);
    await page.getByLabel('Passwort', { exact: true }).fill(demoLogin(server, 'planner').password);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL(`${server.url}/stichprobe`);
  });

  it('switches to English and back, updates <html lang> and remembers the choice', async function () {
    await signIn(page, server.url, demoLogin(server, 'admin'));
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).to.equal('en');
    expect(await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link').allInnerTexts()).to.deep.equal([
      'Sample',
      'Questionnaire',
      'Fieldwork',
      'Analysis',
      'Administration',
    ]);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).to.equal('Sample');
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).to.equal(1);
    // The API is asked in English too.
    const acceptLanguage = page.waitForRequest((request) => request.url().includes('/api/admin/users'));
    await page.getByRole('link', { name: 'Administration' }).click();
    expect((await acceptLanguage).headers()['accept-language']).to.equal('en');
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    await screenshot(page, 'admin-en');
    // A reload keeps English; the resident page shares the choice.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).to.equal('en');
    await page.goto(`${server.url}/teilnahme.html`);
    await page.getByLabel('Access code').waitFor();
    await page.getByRole('button', { name: 'Deutsch' }).click();
    await page.getByLabel('Zugangscode').waitFor();
    expect(await page.getAttribute('html', 'lang')).to.equal('de');
    await page.goto(`${server.url}/verwaltung`);
    await page.getByRole('heading', { level: 1, name: 'Verwaltung' }).waitFor();
  });

  describe('a session that ends while a page is open', function () {
    const sessionEnded = 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.';

    /** Ends the page's session on the server, as the idle timeout or a disabled account does; the cookie stays. */
    async function endSessionOnServer(): Promise<void> {
      const sid = (await page.context().cookies()).find((cookie) => cookie.name === 'sid')?.value;
      expect(sid, 'the page has a session cookie').to.be.a('string');
      await server.store.sessions.delete(hashSessionId(sid!));
    }

    /**
     * Signs in as admin and opens `from`, waiting until its page has asked the API everything it asks on
     * opening (some requests are debounced), so the next 401 comes from what the test does next.
     */
    async function openSignedIn(from: string, heading: string): Promise<void> {
      await signInByApi(page, server.url, demoLogin(server, 'admin'));
      await page.goto(`${server.url}${from}`);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.waitForLoadState('networkidle');
    }

    /** The sign-in page of the ended session: back to `section` afterwards, saying why, signed-out header. */
    async function expectSignInAfterEnd(section: string): Promise<void> {
      await page.waitForURL(`${server.url}/login?next=${encodeURIComponent(section)}`);
      await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
      await page.getByRole('alert').getByText(sessionEnded).waitFor();
      expect(await page.getByRole('navigation', { name: 'Hauptnavigation' }).count()).to.equal(0);
      expect(await page.getByRole('button', { name: 'Abmelden' }).count()).to.equal(0);
    }

    beforeEach(function () {
      problems.expectedStatuses = [401];
    });

    // Each page asks the API when it opens; none of them checks for 401 itself.
    const sections = [
      { link: 'Stichprobe', path: '/stichprobe', from: ['/erhebung', 'Erhebung'] },
      { link: 'Fragebogen', path: '/fragebogen', from: ['/stichprobe', 'Stichprobe'] },
      { link: 'Erhebung', path: '/erhebung', from: ['/stichprobe', 'Stichprobe'] },
      { link: 'Auswertung', path: '/auswertung', from: ['/stichprobe', 'Stichprobe'] },
      { link: 'Verwaltung', path: '/verwaltung', from: ['/stichprobe', 'Stichprobe'] },
    ] as const;
    for (const { link, path, from } of sections) {
      it(`opening ${link} after the session ended leads to the sign-in page, which says the session ended`, async function () {
        await openSignedIn(from[0], from[1]);
        await endSessionOnServer();
        await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: link }).click();
        await expectSignInAfterEnd(path);
        expect(problems.errors).to.deep.equal([]);
      });
    }

    it('a page reached by a link (Kennzahlen) does the same', async function () {
      await openSignedIn('/auswertung', 'Auswertung');
      const editLink = page.getByRole('link', { name: 'Kennzahlen bearbeiten' });
      await editLink.waitFor();
      await endSessionOnServer();
      await editLink.click();
      await expectSignInAfterEnd('/auswertung/kennzahlen');
      expect(problems.errors).to.deep.equal([]);
    });

    it('a refused change (creating an account) does the same, and signing in again returns to the page', async function () {
      await openSignedIn('/verwaltung', 'Verwaltung');
      await page.getByLabel('Benutzername', { exact: true }).fill('nach.ablauf');
      await page.getByLabel('Anzeigename', { exact: true }).fill('Nach Ablauf');
      await page.getByLabel('Erstes Passwort').fill('Erhebung-Ost-2026!');
      await endSessionOnServer();
      await page.getByRole('button', { name: 'Konto anlegen' }).click();
      await expectSignInAfterEnd('/verwaltung');
      await screenshot(page, 'login-session-ended');
      // The 401 of a wrong password is the sign-in's own answer, not another ended session.
      await page.getByLabel('Benutzername').fill(demoLogin(server, 'admin').username);
      await page.getByLabel('Passwort', { exact: true }).fill('not-the-password');
      await page.getByRole('button', { name: 'Anmelden' }).click();
      await page.getByRole('alert').getByText('Benutzername oder Passwort ist falsch.').waitFor();
      expect(await page.getByRole('alert').innerText()).to.not.contain(sessionEnded);
      expect(page.url()).to.equal(`${server.url}/login?next=%2Fverwaltung`);
      // The sign-in uses the CSRF token of the renewed session and goes back to the section.
      await page.getByLabel('Benutzername').fill(demoLogin(server, 'admin').username);
      await page.getByLabel('Passwort', { exact: true }).fill(demoLogin(server, 'admin').password);
      await page.getByRole('button', { name: 'Anmelden' }).click();
      await page.waitForURL(`${server.url}/verwaltung`);
      await page.getByRole('heading', { level: 1, name: 'Verwaltung' }).waitFor();
      // The refused account was not created.
      const users = page.getByRole('table', { name: /^Benutzerkonten/ });
      await users.locator('tr[data-username="admin"]').waitFor();
      expect(await users.locator('tr[data-username="nach.ablauf"]').count()).to.equal(0);
      expect(problems.errors).to.deep.equal([]);
    });
  });

  it('serves the resident page without staff code, with an empty-code check', async function () {
    const scripts: string[] = [];
    const recordScript = (request: Request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    };
    page.on('request', recordScript);
    await page.goto(`${server.url}/teilnahme.html`);
    await page.getByLabel('Zugangscode').waitFor();
    page.off('request', recordScript);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).to.match(/Familienbefragung \S/);
    expect(await page.getByRole('heading', { level: 2, name: /^Datenschutz/ }).count()).to.equal(1);
    // Code splitting: the resident bundle loads none of the staff app's chunks.
    expect(scripts.some((path) => /AdminPage|SamplingPage|FieldworkPage|AnalysisPage|\/main-/.test(path)), scripts.join(', ')).to.equal(false);
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByRole('alert').getByText(/\S/).waitFor();
    expect(await page.getByLabel('Zugangscode').getAttribute('aria-invalid')).to.equal('true');
    expect(problems.errors).to.deep.equal([]);
  });
});
