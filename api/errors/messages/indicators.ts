/** Texts of the indicator editor (api/analysisWorkflow/indicatorDefinitions.ts, indicatorRoutes.ts). */
import type { Messages } from '../catalogue';

export const indicatorMessages = {
  'indicators.unknown': (p: { indicatorId: string }) => ({ de: `Den Indikator „${p.indicatorId}“ gibt es nicht.`, en: `There is no indicator '${p.indicatorId}'.` }),
  'indicators.invalid': (p: { count: number; questionnaire: string }) => ({
    de: `Die Definition passt nicht zu ${p.questionnaire}: ${p.count} ${p.count === 1 ? 'Problem' : 'Probleme'}. Es wurde nichts gespeichert.`,
    en: `The definition does not fit ${p.questionnaire}: ${p.count} ${p.count === 1 ? 'problem' : 'problems'}. Nothing was saved.`,
  }),
  'indicators.changedMeanwhile': (p: { version: number }) => ({
    de: `Der Indikator wurde inzwischen geändert (jetzt Version ${p.version}). Bitte laden Sie ihn neu und ändern Sie dann.`,
    en: `The indicator was changed meanwhile (now version ${p.version}). Please reload it and edit again.`,
  }),
  'indicators.unchanged': { de: 'Die Definition ist unverändert; es wurde keine neue Version gespeichert.', en: 'The definition is unchanged; no new version was saved.' },
  'indicators.noneStored': {
    de: 'Der Speicher enthält keine Indikatordefinitionen (Migration 011 fehlt?).',
    en: 'The store holds no indicator definitions (migration 011 missing?).',
  },
} satisfies Messages;
