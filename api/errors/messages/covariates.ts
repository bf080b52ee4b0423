/** Texts of the area covariate upload (api/analysisWorkflow/areaCovariateImport.ts, covariateRoutes.ts) and its report by row and column. */
import type { Messages } from '../catalogue';

type Level = 'district' | 'subdistrict';
const levelName: Record<Level, { de: string; en: string }> = { district: { de: 'Bezirk', en: 'district' }, subdistrict: { de: 'Teilbezirk', en: 'sub-district' } };

export const covariateMessages = {
  'covariates.fileTooLarge': (p: { kb: number }) => ({ de: `Die Datei ist zu groß (höchstens ${p.kb} KB).`, en: `The file is too large (${p.kb} KB at most).` }),
  'covariates.noFrame': { de: 'Es gibt noch keine Auswahlgrundlage.', en: 'There is no frame yet.' },
  'covariates.noSubdistricts': {
    de: 'Die Auswahlgrundlage hat keine Teilbezirke: Merkmale je Teilbezirk brauchen eine Auswahlgrundlage mit zugeordneter Teilbezirksspalte.',
    en: 'The frame has no sub-districts: covariates per sub-district need a frame with a mapped sub-district column.',
  },
  'covariates.tooMany': (p: { max: number }) => ({ de: `Höchstens ${p.max} Merkmale je Datei.`, en: `At most ${p.max} covariates per file.` }),
  'covariates.refused': (p: { count: number }) => ({
    de: `Die Datei wurde nicht übernommen: ${p.count} ${p.count === 1 ? 'Problem' : 'Probleme'}. Es wurde nichts gespeichert.`,
    en: `The file was not accepted: ${p.count} ${p.count === 1 ? 'problem' : 'problems'}. Nothing was stored.`,
  }),
  'covariates.versionTaken': {
    de: 'Gerade wurde eine andere Version gespeichert. Bitte laden Sie die Datei erneut hoch.',
    en: 'Another version was stored a moment ago. Please upload the file again.',
  },

  // One problem of a covariate file (the refusal's report); keys follow CovariateErrorCode.
  'covariates.row.badColumnName': {
    de: 'Merkmalsname: nur Buchstaben, Ziffern und _, beginnend mit einem Buchstaben, höchstens 64 Zeichen.',
    en: 'Covariate name: letters, digits and _ only, starting with a letter, at most 64 characters.',
  },
  'covariates.row.frameColumnName': (p: { name: string }) => ({
    de: `„${p.name}“ wird schon aus der Auswahlgrundlage berechnet; bitte anders benennen.`,
    en: `'${p.name}' is already computed from the frame; please use another name.`,
  }),
  'covariates.row.fieldCount': (p: { got: number; want: number }) => ({ de: `Die Zeile hat ${p.got} Felder, die Kopfzeile ${p.want}.`, en: `The row has ${p.got} fields, the header ${p.want}.` }),
  'covariates.row.missingArea': { de: 'Gebietsname fehlt.', en: 'Area name is missing.' },
  'covariates.row.unknownArea': (p: { value: string; level: Level }) => ({
    de: `„${p.value}“ ist kein ${levelName[p.level]?.de ?? p.level} der Auswahlgrundlage.`,
    en: `'${p.value}' is not a ${levelName[p.level]?.en ?? p.level} of the frame.`,
  }),
  'covariates.row.duplicateArea': (p: { value: string; first: number }) => ({ de: `„${p.value}“ steht schon in Zeile ${p.first}.`, en: `'${p.value}' already appears in row ${p.first}.` }),
  'covariates.row.missingValue': { de: 'Wert fehlt.', en: 'Value is missing.' },
  'covariates.row.badNumber': (p: { value: string; german: boolean }) =>
    p.german
      ? { de: `„${p.value}“ ist keine Zahl (z. B. 12,5 oder 0.125; ohne Tausenderpunkte und ohne %).`, en: `'${p.value}' is not a number (e.g. 12,5 or 0.125; no thousands separators, no %).` }
      : { de: `„${p.value}“ ist keine Zahl (z. B. 12.5; ohne Tausendertrennzeichen und ohne %).`, en: `'${p.value}' is not a number (e.g. 12.5; no thousands separators, no %).` },
  'covariates.row.ambiguousNumber': (p: { value: string }) => ({
    de: `„${p.value}“ ist mehrdeutig (Tausenderpunkt oder Dezimalpunkt?): bitte ohne Tausenderpunkt oder mit Dezimalkomma schreiben.`,
    en: `'${p.value}' is ambiguous (thousands point or decimal point?): please write it without the thousands point or with a decimal comma.`,
  }),
  'covariates.row.areaWithoutRow': (p: { value: string; level: Level }) => ({
    de: `Für den ${levelName[p.level]?.de ?? p.level} „${p.value}“ der Auswahlgrundlage fehlt eine Zeile.`,
    en: `The file has no row for the frame's ${levelName[p.level]?.en ?? p.level} '${p.value}'.`,
  }),
} satisfies Messages;
