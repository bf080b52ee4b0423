import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import type { InvitedHousehold } from '../../api/collection/testing/testHouseholds';
import { axeViolations, openPage, screenshot } from './browser';
import { demoLogin, signInByApi } from './demoUsers';
import type { UiTestServer } from './server';
import { startUiSuite, stopUiSuite } from './suite';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const v2File = join(repoRoot, 'api', 'questionnaire', 'family-life-quality.v2.json');
const missingEnglish = join(repoRoot, 'fixtures', 'questionnaires', 'missing-english.json');

/** A second wave (a draw with wave 2) beside the test sample's wave 1. */
async function secondWave(server: UiTestServer): Promise<string> {
  const frame = await server.store.frames.create({
    id: 'frame-wave-2',
    name: 'Melderegister Welle 2',
    importedAt: new Date().toISOString(),
    importedBy: null,
    rowCount: 1,
    fingerprint: 'f'.repeat(64),
    columnMapping: { householdId: 'id', district: 'd', name: 'n', street: 's', houseNumber: 'h', postcode: 'p', city: 'c' },
    districts: [{ district: '01', households: 1 }],
  });
  const draw = await server.store.draws.create({
    frameId: frame.id,
    wave: 2,
    method: 'srswor',
    seed: 2,
    prng: 'xoroshiro128+',
    frameFingerprint: 'a'.repeat(64),
    sortKey: null,
    allocationExact: { '01': 1 },
    allocation: { '01': 1 },
    reserve: { '01': 0 },
    createdBy: null,
  });
  return draw.id;
}

async function expectNoViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${where}:\n${violations.join('\n')}`).to.deep.equal([]);
}

describe('questionnaire page in Chromium: import v2, read the diff, preview it, publish it for wave 2', function () {
  this.timeout(120_000);
  let server: UiTestServer;
  let browser: Browser;
  let households: InvitedHousehold[];

  before(async () => ({ server, browser, households } = await startUiSuite(2)));
  after(() => stopUiSuite({ server, browser }));

  it('a planner uploads, checks and saves v2, sees the trend break, previews it in both languages at phone size, publishes it and ties wave 2 to it', async () => {
    const wave2 = await secondWave(server);
    const { context, page, problems } = await openPage(browser, { expectedStatuses: [] });
    await signInByApi(page, server.url, demoLogin(server, 'planner'));
    await page.goto(`${server.url}/`);
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Fragebogen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Fragebogen' }).waitFor();
    const versions = page.getByRole('table', { name: 'Fragebogen-Versionen' });
    await versions.getByRole('row', { name: /family-life-quality 1 veröffentlicht 59/ }).waitFor();
    await expectNoViolations(page, 'questionnaire page (de)');

    // A file that is not UTF-8 is refused in the browser.
    await page.getByLabel('Fragebogen-Datei (JSON)').setInputFiles({ name: 'umlaute.json', mimeType: 'application/json', buffer: Buffer.from([0x7b, 0x22, 0xfc, 0x22, 0x7d]) });
    await page.getByText('Die Datei umlaute.json ist nicht in UTF-8 gespeichert; bitte als UTF-8 speichern.').waitFor();

    // Another questionnaire with gaps in English: every problem with question and JSON path, nothing to save.
    await page.getByLabel('Kennung des Fragebogens').fill('garden-survey');
    await page.getByLabel('Fragebogen-Datei (JSON)').setInputFiles(missingEnglish);
    await page.getByRole('button', { name: 'Prüfen' }).click();
    const problemTable = page.getByRole('table', { name: /Probleme der Datei missing-english.json/ });
    await problemTable.waitFor();
    expect(await problemTable.locator('tbody tr').allInnerTexts()).to.deep.equal([
      'has_garden\t$.pages[0].elements[0].choices[1].text\tEs fehlt der Text auf Englisch.',
      'garden_wish\t$.pages[0].elements[1].title\tEs fehlt der Text auf Englisch.',
      'garden_wish\t$.pages[0].elements[1].description\tEs fehlt der Text auf Englisch.',
    ]);
    expect(await page.getByRole('button', { name: 'Als Entwurf speichern' }).isDisabled()).to.equal(true);
    await expectNoViolations(page, 'questionnaire page with problems (de)');

    // v2 of the family questionnaire: accepted, saved as a draft.
    await page.getByLabel('Kennung des Fragebogens').fill('family-life-quality');
    await page.getByLabel('Fragebogen-Datei (JSON)').setInputFiles(v2File);
    await page.getByRole('button', { name: 'Prüfen' }).click();
    await page.getByText('Keine Probleme: 60 Fragen, Sprachen de, en.').waitFor();
    await page.getByRole('button', { name: 'Als Entwurf speichern' }).click();
    await page.getByText('Gespeichert als family-life-quality, Version 2 (Entwurf).').waitFor();
    await versions.getByRole('row', { name: /family-life-quality 2 Entwurf 60/ }).waitFor();

    // The diff v1 → v2 flags the changed moving-intention list as a trend break.
    await page.getByLabel('Von Version').selectOption('family-life-quality@1');
    await page.getByLabel('Zu Version').selectOption('family-life-quality@2');
    await page.getByRole('button', { name: 'Vergleichen' }).click();
    const diff = page.getByRole('table', { name: 'Unterschiede von family-life-quality@1 zu family-life-quality@2' });
    await diff.waitFor();
    const rows = await diff.locator('tbody tr').allInnerTexts();
    expect(rows).to.have.length(2);
    expect(rows[0]).to.match(/^commute_minutes\tneu\t[\s\S]*neu: „Wie viele Minuten[\s\S]*\n?\t–$/);
    expect(rows[1]).to.match(/^moving_intention\tAntwortwerte geändert\t[\s\S]*Wert 6 \(„Ja, weiter weg“\) hinzugefügt\n?\tTrendbruch: moving_away_intention$/);

    // Preview in a phone-sized frame, English then German.
    await page.getByLabel('Version', { exact: true }).selectOption('family-life-quality@2');
    await page.getByLabel('Englisch').check();
    await page.getByRole('button', { name: 'Vorschau von Version 2' }).last().click();
    const phone = page.getByRole('region', { name: /Vorschau von family-life-quality, Version 2 \((Englisch|Deutsch)\) in Telefongröße/ });
    await phone.getByText('How many children under 18 live in your household?').waitFor();
    const box = (await phone.boundingBox())!;
    expect(box.width).to.be.at.most(360);
    expect(box.height).to.equal(640);
    await expectNoViolations(page, 'questionnaire page with diff and English preview (de)');
    await page.getByLabel('Deutsch').check();
    await phone.getByText('Wie viele Kinder unter 18 Jahren leben in Ihrem Haushalt?').waitFor();
    await screenshot(page, 'questionnaires-diff-preview');

    // Publish v2, then tie wave 2 to it; wave 1 (the test sample's draw) keeps v1.
    await page.getByRole('button', { name: 'Version 2 veröffentlichen' }).click();
    await page.getByText('family-life-quality, Version 2 ist veröffentlicht und kann einer Welle zugeordnet werden.').waitFor();
    await versions.getByRole('row', { name: /family-life-quality 2 veröffentlicht 60/ }).waitFor();
    await page.getByLabel(`Version für Welle 2, Ziehung ${wave2}`).selectOption('family-life-quality@2');
    await page.getByRole('row', { name: new RegExp(wave2) }).getByRole('button', { name: 'Zuordnen' }).click();
    await page.getByText('Welle 2 nutzt jetzt family-life-quality, Version 2.').waitFor();
    await page.getByRole('row', { name: new RegExp(`^2 ${wave2}.*family-life-quality@2`) }).waitFor();
    expect(await server.store.questionnaireVersions.waveBinding(wave2)).to.include({ questionnaireId: 'family-life-quality', questionnaireVersion: 2 });
    const { drawId: wave1 } = (await server.store.roster.get(households[0]!.householdId))!;
    expect(await server.store.questionnaireVersions.waveBinding(wave1)).to.equal(null);

    // The same page in English, with no violations either.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Questionnaire' }).waitFor();
    await page.getByRole('table', { name: 'Differences from family-life-quality@1 to family-life-quality@2' }).getByText('Trend break: moving_away_intention').waitFor();
    await expectNoViolations(page, 'questionnaire page (en)');
    expect(problems.errors).to.deep.equal([]);
    await context.close();
  });

  it('staff neither see the page in the navigation nor may open it', async () => {
    const { context, page } = await openPage(browser, { expectedStatuses: [403] });
    await signInByApi(page, server.url, demoLogin(server, 'staff'));
    await page.goto(`${server.url}/fragebogen`);
    await page.getByRole('heading', { level: 1, name: 'Kein Zugriff' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link').allInnerTexts()).to.not.include('Fragebogen');
    await context.close();
  });
});
