/** Texts of the sampling workflow (api/samplingWorkflow): frame import and its row report, draws, reserve, codes and letters, panel waves. */
import type { Messages } from '../catalogue';

export const samplingMessages = {
  'sampling.frameNotFound': { de: 'Auswahlgrundlage nicht gefunden.', en: 'Frame not found.' },
  'sampling.drawNotFound': { de: 'Ziehung nicht gefunden.', en: 'Draw not found.' },

  // Frame import (frameImport.ts, routes.ts).
  'sampling.importNotFound': { de: 'Einlesevorgang nicht gefunden.', en: 'Import not found.' },
  'sampling.uploadNotFound': {
    de: 'Die hochgeladene Datei wurde nicht gefunden. Bitte laden Sie sie erneut hoch.',
    en: 'The uploaded file was not found. Please upload it again.',
  },
  'sampling.importRunning': { de: 'Diese Datei wird bereits eingelesen.', en: 'This file is already being imported.' },
  'sampling.mappingMismatch': { de: 'Die Spaltenzuordnung passt nicht zur Datei.', en: 'The column mapping does not match the file.' },
  'sampling.mapping.noSuchColumn': (p: { column: string }) => ({ de: `Die Spalte „${p.column}“ gibt es in der Datei nicht.`, en: `Column '${p.column}' is not in the file.` }),
  // One problem of a frame file, by row (the import's report); keys follow RowErrorCode.
  'sampling.row.fieldCount': (p: { got: number; want: number }) => ({ de: `Die Zeile hat ${p.got} Felder, die Kopfzeile ${p.want}.`, en: `The row has ${p.got} fields, the header ${p.want}.` }),
  'sampling.row.missingId': { de: 'Haushaltsnummer fehlt.', en: 'Household id is missing.' },
  'sampling.row.duplicateId': (p: { id: string; first: number }) => ({
    de: `Haushaltsnummer „${p.id}“ steht schon in Zeile ${p.first}.`,
    en: `Household id '${p.id}' already appears in row ${p.first}.`,
  }),
  'sampling.row.missingDistrict': { de: 'Bezirk fehlt.', en: 'District is missing.' },
  'sampling.row.unknownDistrict': (p: { value: string }) => ({ de: `Unbekannter Bezirk „${p.value}“.`, en: `Unknown district '${p.value}'.` }),
  'sampling.row.badNumber': (p: { value: string }) => ({ de: `„${p.value}“ ist keine ganze Zahl von 0 bis 99.`, en: `'${p.value}' is not a whole number from 0 to 99.` }),
  'sampling.row.subdistrictInTwoDistricts': (p: { value: string; district: string; first: number; firstDistrict: string }) => ({
    de: `Teilbezirk „${p.value}“ liegt hier in Bezirk „${p.district}“, in Zeile ${p.first} aber in „${p.firstDistrict}“; ein Teilbezirk gehört zu genau einem Bezirk.`,
    en: `Sub-district '${p.value}' is in district '${p.district}' here but in '${p.firstDistrict}' in row ${p.first}; a sub-district belongs to exactly one district.`,
  }),
  'sampling.row.missingAddress': { de: 'Angabe für das Anschreiben fehlt.', en: 'Needed for the letter but missing.' },
  'sampling.row.controlCharacter': { de: 'Enthält einen Zeilenumbruch oder ein Steuerzeichen.', en: 'Contains a line break or control character.' },
  'sampling.row.unreadable': (p: { detail: string }) => ({ de: `Die Datei ist ab hier nicht lesbar: ${p.detail}`, en: `The file cannot be read from here: ${p.detail}` }),
  'sampling.row.noHouseholds': { de: 'Die Datei enthält keine Haushalte.', en: 'The file contains no households.' },

  // Allocation, draws and reserve (drawService.ts).
  'sampling.notPossible': (p: { reason: string }) => ({ de: `Nicht möglich: ${p.reason}`, en: `Not possible: ${p.reason}` }),
  'sampling.reserveNeedsSrswor': {
    de: 'Eine Reserve ist nur bei einfacher Zufallsauswahl (srswor) möglich.',
    en: 'A reserve is only available with simple random sampling (srswor).',
  },
  'sampling.systematicNeedsSortKey': { de: 'Die systematische Auswahl braucht ein Sortiermerkmal.', en: 'Systematic sampling needs a sort key.' },
  'sampling.unknownDistrict': (p: { district: string }) => ({ de: `Unbekannter Bezirk „${p.district}“.`, en: `Unknown district '${p.district}'.` }),
  'sampling.reserveLeft': (p: { district: string; left: number }) => ({
    de: `Im Bezirk „${p.district}“ sind nur noch ${p.left} Reserve-Haushalte übrig.`,
    en: `District '${p.district}' has only ${p.left} reserve households left.`,
  }),
  'sampling.noReserveChosen': {
    de: 'Keine Reserve-Haushalte zur Freigabe gewählt: bitte mindestens einen Bezirk mit einer Anzahl über 0 angeben.',
    en: 'No reserve households chosen for release: give at least one district with a number above 0.',
  },

  // Access codes and letters (lettersService.ts).
  'sampling.codesIssued': {
    de: 'Alle Haushalte dieser Ziehung haben bereits einen Zugangscode. Um neue Codes zu drucken, bestätigen Sie die Neuausgabe – die bisherigen Codes werden dann ungültig.',
    en: 'Every household of this draw already has an access code. To print new codes, confirm re-issuing – the previous codes then stop working.',
  },
  'sampling.contactsPurged': (p: { date: string }) => ({
    de: `Die Kontaktdaten dieser Auswahlgrundlage wurden am ${p.date} gelöscht. Anschreiben und neue Zugangscodes sind nicht mehr möglich.`,
    en: `The contact data of this frame were deleted on ${p.date}. Letters and new access codes are no longer possible.`,
  }),
  'sampling.letterTemplate': (p: { reason: string }) => ({ de: `Briefvorlage: ${p.reason}`, en: `Letter template: ${p.reason}` }),

  // Panel waves (panelWaves.ts).
  'sampling.waveStarted': (p: { wave: number; date: string }) => ({
    de: `Welle ${p.wave} wurde bereits am ${p.date} begonnen; eine Welle kann nur einmal begonnen werden.`,
    en: `Wave ${p.wave} was already started on ${p.date}; a wave can be started only once.`,
  }),
  'sampling.waveFramePurged': (p: { frame: string }) => ({
    de: `Die Kontaktdaten der Auswahlgrundlage „${p.frame}“ wurden gelöscht; für eine neue Welle wird ein neu eingelesener Registerauszug gebraucht.`,
    en: `The contact data of frame '${p.frame}' were deleted; a new wave needs a newly imported register extract.`,
  }),
  'sampling.wavePanelLost': (p: { wave: number }) => ({
    de: `Für Welle ${p.wave} sind keine Panel-Kennungen gespeichert und die Kontaktdaten ihrer Auswahlgrundlage wurden gelöscht; das Panel kann nicht verknüpft werden.`,
    en: `No panel ids were recorded for wave ${p.wave} and the contact data of its frame were deleted; the panel cannot be linked.`,
  }),
  'sampling.waveFrameUsed': (p: { frame: string; wave: number }) => ({
    de: `Die Auswahlgrundlage „${p.frame}“ wurde schon für Welle ${p.wave} verwendet. Bitte den aktuellen Registerauszug neu einlesen und auswählen.`,
    en: `Frame '${p.frame}' was already used for wave ${p.wave}. Please import the current register extract and choose it.`,
  }),
  'sampling.waveNoPanel': (p: { frame: string; households: number; wave: number }) => ({
    de: `Die Auswahlgrundlage „${p.frame}“ enthält keinen der ${p.households} Haushalte aus Welle ${p.wave}. Ist es der Registerauszug derselben Stadt?`,
    en: `Frame '${p.frame}' contains none of the ${p.households} households of wave ${p.wave}. Is it the register extract of the same city?`,
  }),
  'sampling.refreshmentNotPossible': (p: { reason: string }) => ({
    de: `Auffrischungsstichprobe nicht möglich (nur noch nicht gezogene Haushalte zählen): ${p.reason}`,
    en: `Refreshment sample not possible (only households never drawn count): ${p.reason}`,
  }),
} satisfies Messages;
