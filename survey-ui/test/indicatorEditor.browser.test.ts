import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, screenshot, type PageProblems } from './browser';
import type { UiTestServer } from './server';
import { startSignedInSuite, stopUiSuite } from './suite';

async function expectNoViolations(page: Page, label: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `axe violations on ${label}:\n${violations.join('\n')}`).to.deep.equal([]);
}

/**
 * A planner on the demo with both waves (as `npm start` seeds it): sees the change since wave 1 per district
 * with the trend break of "moving away" (questionnaire v2 split the answer "leave the city"), opens the
 * indicator editor from Auswertung, fixes the rule for v2 (a wrong code first, refused with its reason),
 * saves it as version 2 and sees the new definition's change per district, still marked as a trend break.
 */
describe('survey-ui indicator editor and trends (planner) in Chromium', function () {
  this.timeout(180_000);
  let server: UiTestServer;
  let browser: Browser;
  let page: Page;
  let problems: PageProblems;

  before(async function () {
    ({ server, browser, page, problems } = await startSignedInSuite('planner', { demoWaves: true }));
  });

  after(async function () {
    await stopUiSuite({ server, browser });
  });

  it('shows wave-over-wave change per district with CI and a trend-break marker explained under the table', async function () {
    await page.goto(`${server.url}/auswertung`);
    await page.getByRole('table', { name: /nach Bezirk$/ }).waitFor();
    await page.getByText(/^Ziehung Welle 2:/).waitFor();
    // An indicator whose questions did not change: changes, but no trend break.
    await page.getByLabel('Kennzahl', { exact: true }).selectOption('low_life_quality');
    const low = page.getByRole('table', { name: /Geringe Lebenszufriedenheit.*nach Bezirk$/ });
    await low.waitFor();
    await low.getByRole('columnheader', { name: 'Veränderung seit Welle 1 (Punkte; Standardfehler, 95-%-KI)' }).waitFor();
    const lowText = await low.locator('tbody').innerText();
    // Arrow, its word for screen readers, the points, the SE of the difference and the 95 % CI, e.g. "▼ gesunken -26,7 (SE 9,2; -44,8 bis -8,6)".
    expect(lowText).to.match(/[▲▼]\s+(gestiegen|gesunken)\s+[+-]\d+,\d \(SE \d+,\d; [+-]?\d+,\d bis [+-]?\d+,\d\)/);
    expect(await low.getByRole('link', { name: 'Trendbruch' }).count()).to.equal(0);

    await page.getByLabel('Kennzahl', { exact: true }).selectOption('moving_away_intention');
    const moving = page.getByRole('table', { name: /Will den Stadtteil oder die Stadt verlassen nach Bezirk$/ });
    await moving.waitFor();
    const marks = moving.getByRole('link', { name: 'Trendbruch' });
    expect(await marks.count()).to.be.at.least(12);
    const note = page.locator('#trend-break-note');
    await note.waitFor();
    expect(await note.innerText()).to.match(/Welle 1 wurde mit Fragebogen-Version 1 beantwortet, Welle 2 mit Version 2/);
    expect(await note.innerText()).to.contain('moving_intention');
    await marks.first().click();
    expect(page.url()).to.match(/#trend-break-note$/);
    await expectNoViolations(page, 'Auswertung with changes and a trend break');
    await screenshot(page, 'trend-break');
    expect(problems.errors).to.deep.equal([]);
  });

  it('edits the indicator in the editor: a wrong code is named, the fixed rule is saved as version 2 and used', async function () {
    await page.getByRole('link', { name: 'Kennzahlen bearbeiten' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kennzahlen bearbeiten' }).waitFor();
    expect(new URL(page.url()).pathname).to.equal('/auswertung/kennzahlen');
    expect(await page.getByLabel('Kennzahl', { exact: true }).inputValue()).to.equal('moving_away_intention');
    await page.getByRole('table', { name: /^Versionen von/ }).waitFor();
    expect(await page.locator('nav [aria-current="page"]').allInnerTexts()).to.deep.equal(['Auswertung']);
    await expectNoViolations(page, 'indicator editor');

    // The answer list of version 2 has 6 = "further away": rewrite the rule for v2, first with a code it lacks.
    await page.getByLabel('Fragebogen-Version').selectOption('2');
    const rule = page.getByRole('group', { name: 'Regel: Wann zählt ein Haushalt?' });
    const values = rule.getByRole('group', { name: 'Bedingung 1' }).getByLabel('Werte');
    await values.fill('3, 4, 7');
    await page.getByRole('button', { name: 'Prüfen' }).click();
    const report = page.locator('.indicator-problems');
    await report.getByText('1 Problem(e) mit der Fragebogen-Version 2').waitFor();
    expect(await report.innerText()).to.contain('Regel, Bedingung 1 (rule.in[2]): Code 7 gibt es bei Frage moving_intention nicht (vorhanden: 1, 2, 3, 4, 6, 5).');
    expect(await values.getAttribute('aria-invalid')).to.equal('true');
    await expectNoViolations(page, 'indicator editor with a problem');
    await screenshot(page, 'indicator-editor-problem');
    // Saving is refused while the problem is there.
    await page.getByRole('button', { name: 'Als neue Version speichern' }).click();
    await report.getByText('1 Problem(e)').waitFor();
    expect(await page.getByRole('table', { name: /^Versionen von/ }).locator('tbody tr').count()).to.equal(1);

    await values.fill('3, 4, 6');
    await page.getByLabel('Bezeichnung (Englisch)', { exact: true }).fill('Intends to leave the district or city (incl. further away)');
    await page.getByLabel('Grund der Änderung (für das Protokoll)').fill('v2: „weiter weg“ zählt mit');
    await page.getByRole('button', { name: 'Als neue Version speichern' }).click();
    await report.getByText('Gespeichert als Version 2. Die Auswertung rechnet ab jetzt damit.').waitFor();
    await page.getByText('Aktuelle Version 2').waitFor();
    const history = page.getByRole('table', { name: /^Versionen von/ });
    await history.locator('tbody tr').nth(1).waitFor();
    expect(await history.locator('tbody tr').first().innerText()).to.match(/^2\s.*planner.*v2: „weiter weg“ zählt mit/s);
    expect(problems.errors).to.deep.equal([]);
  });

  it('shows the change per district under the new definition, still marked as a trend break', async function () {
    await page.getByRole('link', { name: 'Veränderungen in der Auswertung ansehen' }).click();
    await page.getByRole('table', { name: /nach Bezirk$/ }).waitFor();
    await page.getByLabel('Kennzahl', { exact: true }).selectOption('moving_away_intention');
    await page.getByText(/Definition Version 2/).waitFor();
    const moving = page.getByRole('table', { name: /Will den Stadtteil oder die Stadt verlassen nach Bezirk$/ });
    expect(await moving.getByRole('link', { name: 'Trendbruch' }).count()).to.be.at.least(12);
    const rows = await moving.locator('tbody tr[data-area]:not([data-area=""])').count();
    expect(rows).to.equal(12);
    expect(await moving.locator('tbody').innerText()).to.match(/[▲▼]\s+(gestiegen|gesunken)\s+[+-]\d+,\d \(/);
    await screenshot(page, 'trend-after-edit');
    expect(problems.errors).to.deep.equal([]);
  });
});
