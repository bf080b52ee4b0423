/**
 * Texts of the change since the previous wave and of trend breaks in the Auswertung table (`analysis.trend.*`),
 * German first; merged into the shell's catalogue like ./texts.ts.
 */
import { i18n } from '../../i18n';

const de = {
  analysis: {
    trend: {
      column: 'Veränderung seit Welle {{wave}} (Punkte; Standardfehler, 95-%-KI)',
      up: 'gestiegen',
      down: 'gesunken',
      interval: 'SE {{se}}; {{low}} bis {{high}}',
      breakMark: 'Trendbruch',
      breakTitle: 'Trendbruch bei dieser Kennzahl',
      breakText: 'Welle {{from}} wurde mit Fragebogen-Version {{fromVersions}} beantwortet, Welle {{to}} mit Version {{toVersions}}. Geändert hat sich, was diese Kennzahl liest:',
      breakConsequence: 'Die Veränderung ist deshalb nicht allein eine Veränderung bei den Familien; sie kann auch aus der geänderten Frage kommen. Mit Vorsicht vergleichen.',
      footnote: 'Veränderung seit der vorigen Welle: Punkte mit 95-%-Konfidenzintervall; Standardfehler √(SE₁² + SE₂²) für unabhängige Stichproben (bei Panelüberschneidung eher zu groß). ▲ gestiegen, ▼ gesunken.',
      editLink: 'Kennzahlen bearbeiten',
      version: 'Definition Version {{version}}',
    },
  },
};

const en: typeof de = {
  analysis: {
    trend: {
      column: 'Change since wave {{wave}} (points; standard error, 95 % CI)',
      up: 'up',
      down: 'down',
      interval: 'SE {{se}}; {{low}} to {{high}}',
      breakMark: 'Trend break',
      breakTitle: 'Trend break for this indicator',
      breakText: 'Wave {{from}} was answered with questionnaire version {{fromVersions}}, wave {{to}} with version {{toVersions}}. What this indicator reads has changed:',
      breakConsequence: 'The change is therefore not only a change among the families; it can also come from the changed question. Compare with caution.',
      footnote: 'Change since the previous wave: points with 95 % confidence interval; standard error √(SE₁² + SE₂²) for independent samples (rather too large with a panel overlap). ▲ up, ▼ down.',
      editLink: 'Edit indicators',
      version: 'Definition version {{version}}',
    },
  },
};

i18n.addResourceBundle('de', 'translation', de, true, true);
i18n.addResourceBundle('en', 'translation', en, true, true);
