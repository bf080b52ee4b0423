/** Texts of scanned paper forms and their verification queue (api/paper/scanQueue.ts). */
import type { Messages } from '../catalogue';

export const paperScanMessages = {
  'paperscan.nothingRead': (p: { pages: number; problems: string }) => ({
    de: `Aus der Datei konnte keine Seite gelesen werden (${p.pages} Seiten). ${p.problems}`,
    en: `No page could be read from the file (${p.pages} pages). ${p.problems}`,
  }),
  'paperscan.notAScan': {
    de: 'Die Datei ist kein PDF, TIFF, PNG oder JPEG.',
    en: 'The file is not a PDF, TIFF, PNG or JPEG.',
  },
  'paperscan.formUnknown': (p: { formId: string }) => ({
    de: `Das gescannte Formular ${p.formId} wartet nicht (mehr) auf Prüfung.`,
    en: `Scanned form ${p.formId} is not (or no longer) waiting for verification.`,
  }),
  'paperscan.noHousehold': (p: { formId: string }) => ({
    de: `Zur Formularkennung ${p.formId} ist kein Haushalt bekannt (nicht aus dieser Erhebung oder Kontaktdaten bereits gelöscht); das Formular kann nicht als Antwort gezählt werden.`,
    en: `No household is known for form reference ${p.formId} (not from this survey, or its contacts were deleted); the form cannot be counted as a response.`,
  }),
  'paperscan.decisionMissing': {
    de: 'Für jeden zu prüfenden Punkt ist eine Entscheidung nötig.',
    en: 'Every item to verify needs a decision.',
  },
  'paperscan.changed': {
    de: 'Das Formular wurde inzwischen neu eingelesen oder von jemand anderem bestätigt. Bitte neu laden.',
    en: 'The form was scanned again or verified by someone else meanwhile. Please reload.',
  },
  'paperscan.jobUnknown': {
    de: 'Diesen Einlesevorgang gibt es nicht (mehr).',
    en: 'There is no such scan import (any more).',
  },
} satisfies Messages;
