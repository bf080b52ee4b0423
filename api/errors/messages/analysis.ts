/** Texts of the analysis (api/analysisWorkflow): which draw, why weighting or calibration is not possible yet, model choices and model failures. */
import type { Messages } from '../catalogue';

export const analysisMessages = {
  'analysis.noDraw': { de: 'Es gibt noch keine Ziehung, die ausgewertet werden kann.', en: 'There is no draw to analyse yet.' },
  'analysis.drawNotFound': (p: { drawId: string }) => ({ de: `Ziehung ${p.drawId} nicht gefunden.`, en: `Draw ${p.drawId} not found.` }),
  'analysis.drawFrameMissing': { de: 'Die Auswahlgrundlage der Ziehung fehlt.', en: 'The frame of the draw is missing.' },
  'analysis.frameNotFound': (p: { frameId: string }) => ({ de: `Auswahlgrundlage ${p.frameId} nicht gefunden.`, en: `Frame ${p.frameId} not found.` }),

  // Weighting (computeAnalysis.ts): what the data do not allow yet.
  'analysis.noContacted': { de: 'Die Ziehung hat keine kontaktierten Haushalte.', en: 'The draw has no contacted households.' },
  'analysis.districtNotInFrame': (p: { district: string }) => ({
    de: `Bezirk „${p.district}“ fehlt in der Auswahlgrundlage.`,
    en: `District '${p.district}' is missing from the frame.`,
  }),
  'analysis.noResponses': { de: 'Es liegen noch keine abgeschlossenen Antworten aus der Stichprobe vor.', en: 'No submitted responses from the sample yet.' },
  'analysis.weightingNotPossible': (p: { reason: string }) => ({ de: `Gewichtung nicht möglich: ${p.reason}`, en: `Weighting not possible: ${p.reason}` }),
  'analysis.ineligibleAboveFrame': (p: { variable: string; category: string; estimate: string; frameCount: number }) => ({
    de: `Für ${p.variable} „${p.category}“ werden ${p.estimate} nicht mehr zur Zielgruppe gehörende Haushalte geschätzt, mehr als die ${p.frameCount} der Auswahlgrundlage.`,
    en: `For ${p.variable} '${p.category}' ${p.estimate} households no longer eligible are estimated, more than the frame's ${p.frameCount}.`,
  }),
  'analysis.districtWithoutResponse': (p: { district: string }) => ({
    de: `Bezirk „${p.district}“ hat noch keine Antwort; eine Gewichtung ist erst möglich, wenn jeder Bezirk Antworten hat.`,
    en: `District '${p.district}' has no response yet; weighting needs responses in every district.`,
  }),
  'analysis.calibrationNotPossible': (p: { reason: string }) => ({ de: `Kalibrierung nicht möglich: ${p.reason}`, en: `Calibration not possible: ${p.reason}` }),

  // The planner's covariate choice (modelSettings.ts).
  'analysis.indicatorUnknown': (p: { indicatorId: string }) => ({ de: `Indikator „${p.indicatorId}“ gibt es nicht.`, en: `There is no indicator '${p.indicatorId}'.` }),
  'analysis.covariatesUnknown': (p: { level: string; names: string }) => ({
    de: `Unbekannte Gebietsmerkmale auf Ebene ${p.level}: ${p.names}.`,
    en: `Unknown area covariates at level ${p.level}: ${p.names}.`,
  }),
  'analysis.covariateTwice': { de: 'Ein Gebietsmerkmal ist doppelt gewählt.', en: 'A covariate is chosen twice.' },
  'analysis.covariatesNone': { de: 'Mindestens ein Gebietsmerkmal wählen (oder Standard).', en: 'Choose at least one covariate (or the defaults).' },
  'analysis.covariatesTooMany': (p: { count: number; areas: number; max: number }) => ({
    de: `${p.count} Gebietsmerkmale sind zu viele für ${p.areas} Gebiete: höchstens ${p.max}.`,
    en: `${p.count} covariates are too many for ${p.areas} areas: at most ${p.max}.`,
  }),

  // Why a model could not be fitted (smallAreaAnalysis.ts); the library's sentence is English.
  'analysis.modelTooFewAreas': (p: { min: number; modelled: number; areas: number }) => ({
    de: `Zu wenige Gebiete mit mindestens ${p.min} Antworten für ein Modell (${p.modelled} von ${p.areas}).`,
    en: `Too few areas with at least ${p.min} answers for a model (${p.modelled} of ${p.areas}).`,
  }),
  'analysis.modelSingular': (p: { covariate: string | null }) => ({
    de: `Die Gebietsmerkmale hängen linear voneinander ab${p.covariate ? ` (bei „${p.covariate}“)` : ''}; bitte eines weglassen.`,
    en: `The covariates are linearly dependent${p.covariate ? ` (at '${p.covariate}')` : ''}; leave one out.`,
  }),
  'analysis.noModel': (p: { reason: string }) => ({ de: `Kein Modell: ${p.reason}`, en: `${p.reason}` }),
} satisfies Messages;
