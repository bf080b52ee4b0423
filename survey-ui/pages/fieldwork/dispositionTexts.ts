import { i18n } from '../../i18n';

/** Texts of "Rücklauf ohne Fragebogen" (returns without questionnaire), registered on the shared catalogue. */
const de = {
  dispositions: {
    title: 'Rücklauf ohne Fragebogen erfassen',
    intro: 'Für Briefe, die unzustellbar zurückkommen, und für Haushalte, die abgesagt haben oder nicht mehr zur Zielgruppe gehören. Diese Haushalte bekommen keine Erinnerung; ein später doch eingehender Fragebogen zählt als Antwort.',
    code: 'Zugangscode auf dem Brief oder Umschlag',
    codeHint: 'Groß- und Kleinschreibung und Bindestriche sind egal.',
    codeTypo: 'Der Code ist unvollständig oder hat einen Tippfehler (das Prüfzeichen passt nicht). Bitte jedes Zeichen prüfen; es gibt keine 0, O, 1, I oder L.',
    kind: 'Was ist passiert?',
    kinds: {
      refused: 'Verweigert (Anruf, Brief oder leerer Bogen mit „nein“)',
      unreachable: 'Brief unzustellbar (zurückgekommen)',
      not_eligible: 'Nicht mehr zur Zielgruppe (kein Kind unter 18)',
    },
    short: { refused: 'verweigert', unreachable: 'unzustellbar', not_eligible: 'nicht zur Zielgruppe' },
    chooseKind: 'Bitte wählen Sie aus, was passiert ist.',
    note: 'Notiz (freiwillig, kurz, ohne Namen und Telefonnummern)',
    save: 'Rücklauf speichern',
    saved: 'Gespeichert: Haushalt {{id}} (Bezirk {{district}}) – {{kind}}.',
    replaced: 'Korrigiert: Haushalt {{id}} war vorher „{{before}}“, jetzt „{{kind}}“.',
    recentCaption: 'Zuletzt erfasst ({{count}})',
    recentEmpty: 'Noch kein Rücklauf ohne Fragebogen erfasst.',
    household: 'Haushalt', district: 'Bezirk', disposition: 'Rücklauf', noteCol: 'Notiz', by: 'Erfasst von', at: 'Zeit', action: 'Aktion',
    undo: 'Rückgängig: Haushalt {{id}}',
    undone: 'Rückgängig gemacht: Haushalt {{id}} ist wieder offen.',
    loadFailed: 'Die Liste konnte nicht geladen werden.',
    refusedCol: 'Verweigert', unreachableCol: 'Unzustellbar', notEligibleCol: 'Nicht zur Zielgruppe',
  },
};

const en: typeof de = {
  dispositions: {
    title: 'Record a return without questionnaire',
    intro: 'For letters that come back undeliverable and for households that refused or are no longer eligible. These households get no reminder; a questionnaire that arrives later after all counts as an answer.',
    code: 'Access code on the letter or envelope',
    codeHint: 'Upper or lower case and hyphens do not matter.',
    codeTypo: 'The code is incomplete or has a typo (the check character does not match). Please check each character; there is no 0, O, 1, I or L.',
    kind: 'What happened?',
    kinds: {
      refused: 'Refused (call, letter or empty form with “no”)',
      unreachable: 'Letter undeliverable (returned)',
      not_eligible: 'No longer eligible (no child under 18)',
    },
    short: { refused: 'refused', unreachable: 'undeliverable', not_eligible: 'not eligible' },
    chooseKind: 'Please choose what happened.',
    note: 'Note (optional, short, no names or phone numbers)',
    save: 'Save return',
    saved: 'Saved: household {{id}} (district {{district}}) – {{kind}}.',
    replaced: 'Corrected: household {{id}} was “{{before}}”, now “{{kind}}”.',
    recentCaption: 'Recently recorded ({{count}})',
    recentEmpty: 'No return without questionnaire recorded yet.',
    household: 'Household', district: 'District', disposition: 'Return', noteCol: 'Note', by: 'Recorded by', at: 'Time', action: 'Action',
    undo: 'Undo: household {{id}}',
    undone: 'Undone: household {{id}} is open again.',
    loadFailed: 'The list could not be loaded.',
    refusedCol: 'Refused', unreachableCol: 'Undeliverable', notEligibleCol: 'Not eligible',
  },
};

i18n.addResourceBundle('de', 'translation', de, true, false);
i18n.addResourceBundle('en', 'translation', en, true, false);
