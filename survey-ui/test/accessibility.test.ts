import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, openPage, screenshot } from './browser';
import { demoLogin, signIn, signInByApi, type DemoAccount } from './demoUsers';
import { startUiTestServer, type UiTestServer } from './server';

type Language = 'de' | 'en';

/** Pages each account can open, with the level-1 heading expected in German and English. */
/** `byUrl`: pages a user does not reach through the navigation (no access, unknown address). */
/** `current`: the navigation entry marked current on a page inside another section. */
const pagesByAccount: Record<'admin' | 'planner' | 'staff', { path: string; heading: Record<Language, string>; byUrl?: true; current?: Record<Language, string> }[]> = {
  admin: [
    { path: '/stichprobe', heading: { de: 'Stichprobe', en: 'Sample' } },
    { path: '/fragebogen', heading: { de: 'Fragebogen', en: 'Questionnaire' } },
    { path: '/erhebung', heading: { de: 'Erhebung', en: 'Fieldwork' } },
    { path: '/auswertung', heading: { de: 'Auswertung', en: 'Analysis' } },
    { path: '/verwaltung', heading: { de: 'Verwaltung', en: 'Administration' } },
  ],
  planner: [
    { path: '/stichprobe', heading: { de: 'Stichprobe', en: 'Sample' } },
    { path: '/fragebogen', heading: { de: 'Fragebogen', en: 'Questionnaire' } },
    { path: '/erhebung', heading: { de: 'Erhebung', en: 'Fieldwork' } },
    { path: '/auswertung', heading: { de: 'Auswertung', en: 'Analysis' } },
    { path: '/verwaltung', heading: { de: 'Kein Zugriff', en: 'No access' }, byUrl: true },
  ],
  staff: [
    { path: '/erhebung', heading: { de: 'Erhebung', en: 'Fieldwork' } },
    { path: '/erhebung/scans', heading: { de: 'Gescannte Fragebögen', en: 'Scanned questionnaires' }, byUrl: true, current: { de: 'Erhebung', en: 'Fieldwork' } },
    { path: '/stichprobe', heading: { de: 'Kein Zugriff', en: 'No access' }, byUrl: true },
    { path: '/fragebogen', heading: { de: 'Kein Zugriff', en: 'No access' }, byUrl: true },
    { path: '/gibt-es-nicht', heading: { de: 'Seite nicht gefunden', en: 'Page not found' }, byUrl: true },
  ],
};

/** Tables of the Stichprobe page that arrive after its heading (demo data); axe must see them, since they scroll on a phone. */
const samplingTables: Record<Language, string[]> = {
  de: ['Aufteilung und erwartete Genauigkeit je Bezirk', 'Ziehungen dieser Auswahlgrundlage', 'Wellen im Überblick'],
  en: ['Allocation and expected precision per district', 'Draws of this frame', 'Waves at a glance'],
};

async function waitForSamplingTables(page: Page, language: Language): Promise<void> {
  for (const name of samplingTables[language]) await page.getByRole('table', { name }).waitFor();
}

/** Fails with axe's full report (rule, help link, offending elements) so a violation can be fixed from the log. */
async function expectNoViolations(page: Page, label: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `axe violations on ${label}:\n${violations.join('\n')}`).to.deep.equal([]);
}

async function expectNoHorizontalScroll(page: Page, label: string): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${label} scrolls horizontally (${scrollWidth} px content in ${innerWidth} px)`).to.be.at.most(innerWidth);
}

/** A fresh context (German by default, as for a first visit) that must run without console errors. */
async function freshPage(browser: Browser): Promise<{ page: Page; close: () => Promise<void> }> {
  const { context, page, problems } = await openPage(browser);
  return {
    page,
    // Every page must also have run without script errors or Content-Security-Policy violations.
    close: async () => {
      await context.close();
      expect(problems.errors, 'console errors').to.deep.equal([]);
    },
  };
}

describe('survey-ui accessibility (axe-core, WCAG 2.1 AA) in Chromium', function () {
  this.timeout(90_000);
  let server: UiTestServer;
  let browser: Browser;

  before(async function () {
    [server, browser] = await Promise.all([startUiTestServer(), launchBrowser()]);
  });

  after(async function () {
    await browser?.close();
    await server?.stop();
  });

  it('login and resident pages have no violations, in German and English, also on a phone', async function () {
    const { page, close } = await freshPage(browser);
    for (const language of ['de', 'en'] as const) {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${server.url}/login`);
      await page.getByRole('heading', { level: 1, name: language === 'de' ? 'Anmelden' : 'Sign in' }).waitFor();
      expect(await page.getAttribute('html', 'lang')).to.equal(language);
      await expectNoViolations(page, `login (${language})`);
      await screenshot(page, `login-${language}`);

      await page.goto(`${server.url}/teilnahme.html`);
      await page.getByLabel(language === 'de' ? 'Zugangscode' : 'Access code').waitFor();
      expect(await page.getAttribute('html', 'lang')).to.equal(language);
      await expectNoViolations(page, `resident page (${language})`);

      await page.setViewportSize({ width: 390, height: 844 });
      await expectNoViolations(page, `resident page on a phone (${language})`);
      await expectNoHorizontalScroll(page, `resident page at 390 px (${language})`);
      await screenshot(page, `resident-phone-${language}`);
      // The error state too: the message must be announced and tied to the field.
      await page.getByRole('button', { name: language === 'de' ? 'Weiter' : 'Continue' }).click();
      await page.getByRole('alert').getByText(/\S/).waitFor();
      await expectNoViolations(page, `resident page with error on a phone (${language})`);
      await page.setViewportSize({ width: 360, height: 740 });
      await expectNoHorizontalScroll(page, `resident page at 360 px (${language})`);

      // Switch language the way a visitor does; the next round checks the other language.
      if (language === 'de') await page.getByRole('button', { name: 'English' }).click();
      await page.getByLabel('Access code').waitFor();
    }
    await close();
  });

  for (const account of ['admin', 'planner', 'staff'] as const satisfies readonly DemoAccount[]) {
    it(`every page of ${account} has no violations, in German and English`, async function () {
      const { page, close } = await freshPage(browser);
      await signInByApi(page, server.url, demoLogin(server, account));
      await page.goto(`${server.url}/`);
      for (const language of ['de', 'en'] as const) {
        if (language === 'en') await page.getByRole('button', { name: 'English' }).click();
        await page.getByRole('navigation', { name: language === 'de' ? 'Hauptnavigation' : 'Main navigation' }).waitFor();
        for (const { path, heading, byUrl, current: parent } of pagesByAccount[account]) {
          // Permitted sections through the navigation (as a user moves), the others by URL.
          if (byUrl) await page.goto(`${server.url}${path}`);
          else await page.locator(`nav a[href="${path}"]`).click();
          await page.getByRole('heading', { level: 1, name: heading[language] }).waitFor();
          if (path === '/verwaltung' && !byUrl) await page.getByRole('table').nth(1).waitFor();
          if (path === '/fragebogen' && !byUrl) await page.getByRole('table').first().waitFor();
          if (path === '/stichprobe' && !byUrl) await waitForSamplingTables(page, language);
          const current = await page.locator('nav [aria-current="page"]').allInnerTexts();
          expect(current).to.deep.equal(parent ? [parent[language]] : byUrl ? [] : [heading[language]]);
          await expectNoViolations(page, `${path} as ${account} (${language})`);
          // Screenshots cost seconds each: every page in German, the start page in English.
          if (language === 'de' || path === pagesByAccount[account][0]!.path) await screenshot(page, `${account}${path.replace('/', '-')}-${language}`);
        }
      }
      await close();
    });
  }

  // Wide tables scroll in their own box on a phone; each such box must be reachable by keyboard (scrollable-region-focusable).
  const samplingAccounts = (Object.keys(pagesByAccount) as (keyof typeof pagesByAccount)[]).filter((account) =>
    pagesByAccount[account].some(({ path, byUrl }) => path === '/stichprobe' && !byUrl),
  );
  for (const account of samplingAccounts) {
    it(`/stichprobe as ${account} has no violations on a phone once its tables are loaded, in German and English`, async function () {
      const { page, close } = await freshPage(browser);
      await page.setViewportSize({ width: 390, height: 844 });
      await signInByApi(page, server.url, demoLogin(server, account));
      for (const language of ['de', 'en'] as const) {
        await page.goto(`${server.url}/stichprobe`);
        if (language === 'en') await page.getByRole('button', { name: 'English' }).click();
        await page.getByRole('heading', { level: 1, name: language === 'de' ? 'Stichprobe' : 'Sample' }).waitFor();
        await waitForSamplingTables(page, language);
        await expectNoViolations(page, `/stichprobe as ${account} on a phone (${language})`);
        await expectNoHorizontalScroll(page, `/stichprobe as ${account} at 390 px (${language})`);
      }
      await screenshot(page, `${account}-stichprobe-phone-en`);
      await close();
    });
  }

  it('the indicator editor (/auswertung/kennzahlen) has no violations, also with a problem shown and on a phone, in German and English', async function () {
    const { page, close } = await freshPage(browser);
    await signInByApi(page, server.url, demoLogin(server, 'planner'));
    for (const language of ['de', 'en'] as const) {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${server.url}/auswertung/kennzahlen?indicator=unsafe_at_night`);
      if (language === 'en') await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: language === 'de' ? 'Kennzahlen bearbeiten' : 'Edit indicators' }).waitFor();
      await page.getByRole('table', { name: language === 'de' ? /^Versionen von/ : /^Versions of/ }).waitFor();
      await expectNoViolations(page, `indicator editor (${language})`);
      // A code the question does not have: the problem is listed and marks its condition.
      await page.getByLabel(language === 'de' ? 'Werte' : 'Values').first().fill('3, 9');
      await page.getByRole('button', { name: language === 'de' ? 'Prüfen' : 'Check' }).click();
      await page.locator('.indicator-problems .message--error').waitFor();
      await expectNoViolations(page, `indicator editor with a problem (${language})`);
      await page.setViewportSize({ width: 390, height: 844 });
      await expectNoViolations(page, `indicator editor on a phone (${language})`);
      await expectNoHorizontalScroll(page, `indicator editor at 390 px (${language})`);
    }
    await screenshot(page, 'planner-indicator-editor-phone-en');
    await close();
  });

  it('the public results page (no login) has no violations, in German and English, also on a phone', async function () {
    const { page, close } = await freshPage(browser);
    for (const language of ['de', 'en'] as const) {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${server.url}/ergebnisse`);
      if (language === 'en') await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: language === 'de' ? 'Ergebnisse der Familienbefragung' : 'Results of the family survey' }).waitFor();
      await page.getByRole('group', { name: language === 'de' ? /^Karte der Bezirke: / : /^Map of the districts: / }).waitFor();
      await page.locator('#public-map details summary').click();
      await expectNoViolations(page, `/ergebnisse (${language})`);
      await page.setViewportSize({ width: 390, height: 844 });
      await expectNoViolations(page, `/ergebnisse on a phone (${language})`);
      await expectNoHorizontalScroll(page, `/ergebnisse at 390 px (${language})`);
      await screenshot(page, `public-results-phone-${language}`);
    }
    await close();
  });

  it('the admin page and its reset dialog have no violations and fit a 360 px screen', async function () {
    const { page, close } = await freshPage(browser);
    await page.setViewportSize({ width: 360, height: 740 });
    await signIn(page, server.url, demoLogin(server, 'admin'));
    await expectNoHorizontalScroll(page, 'start page at 360 px');
    await screenshot(page, 'admin-start-phone');
    await page.getByRole('link', { name: 'Verwaltung' }).click();
    await page.getByRole('table').nth(1).waitFor();
    await expectNoHorizontalScroll(page, 'Verwaltung at 360 px');
    await screenshot(page, 'admin-phone');
    await page.getByRole('button', { name: 'Passwort zurücksetzen (planner)' }).click();
    await page.getByRole('dialog').waitFor();
    await expectNoViolations(page, 'reset-password dialog');
    await screenshot(page, 'admin-dialog-phone');
    await close();
  });
});
