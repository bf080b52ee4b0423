/** Texts of reading a CSV file sent to the server (frame upload, area covariates; api/samplingWorkflow/uploads.ts). */
import type { Messages } from '../catalogue';

export const uploadMessages = {
  'upload.fileTooLarge': (p: { limitMb: number }) => ({ de: `Die Datei ist zu groß (höchstens ${p.limitMb} MB).`, en: `The file is too large (${p.limitMb} MB at most).` }),
  'upload.incomplete': { de: 'Die Datei konnte nicht vollständig empfangen werden.', en: 'The file could not be received completely.' },
  'upload.fileEmpty': { de: 'Die Datei ist leer.', en: 'The file is empty.' },
  'upload.notCsv': (p: { reason: string }) => ({ de: `Die Datei ist keine lesbare CSV-Datei: ${p.reason}`, en: `The file is not a readable CSV file: ${p.reason}` }),
  'upload.headerTooFewColumns': {
    de: 'Die Kopfzeile hat weniger als zwei Spalten; erwartet wird eine CSV-Datei mit ; oder , als Trennzeichen.',
    en: 'The header has fewer than two columns; expected a CSV file separated by ; or ,.',
  },
  'upload.headerColumnUnnamed': (p: { column: number }) => ({ de: `Spalte ${p.column} der Kopfzeile hat keinen Namen.`, en: `Column ${p.column} of the header has no name.` }),
  'upload.headerColumnTwice': (p: { name: string }) => ({ de: `Die Spalte „${p.name}“ kommt in der Kopfzeile zweimal vor.`, en: `Column '${p.name}' appears twice in the header.` }),
} satisfies Messages;
