/**
 * Texts of the Auswertung page, added to the shell's i18n catalogue under `analysis.*` (German first).
 * Kept next to the page so the page and its texts change together.
 */
import { i18n } from '../../i18n';

const de = {
  analysis: {
    title: 'Auswertung',
    intro: 'Gewichtete Kennzahlen je statistischem Bezirk: Designgewichte aus der Ziehung, Ausfallanpassung nach Bezirk und Haushaltstyp, Kalibrierung (Raking) an die Eckwerte der Auswahlgrundlage. Anteile mit Standardfehler und 95-%-Konfidenzintervall.',
    computing: 'Die Auswertung wird berechnet …',
    progressLabel: 'Fortschritt der Berechnung',
    loadFailed: 'Die Auswertung konnte nicht geladen werden.',
    summary: 'Ziehung Welle {{wave}}: {{respondents}} Antworten von {{sampled}} kontaktierten Haushalten. Stand der Daten {{version}}, berechnet in {{ms}} ms.',
    weighting: {
      title: 'Gewichtung',
      caption: 'Gewichte nach Ausfallanpassung und Raking je Bezirk',
      district: 'Bezirk',
      sampled: 'Kontaktiert',
      respondents: 'Antworten',
      sumWeights: 'Σ Gewichte',
      population: 'Haushalte (Grundgesamtheit)',
      min: 'Min.',
      max: 'Max.',
      cv: 'VK',
      deff: 'Kish-Designeffekt',
      effectiveN: 'Effektives n',
      overall: 'Stadt gesamt',
      cells: 'Ausfallanpassung: {{cells}} Gewichtungszellen ({{variables}}), davon {{collapsed}} zusammengelegt. Kalibrierung: Raking an {{margins}} ({{iterations}} Iterationen).',
    },
    indicator: {
      sectionTitle: 'Kennzahlen je Bezirk',
      select: 'Kennzahl',
      denominator: 'Basis: {{text}}',
      caption: '{{indicator}} nach Bezirk',
      district: 'Bezirk',
      share: 'Anteil',
      ci: '95-%-KI',
      n: 'n',
      vsRest: 'Differenz zum Rest der Stadt',
      p: 'p-Wert',
      sortBy: 'Sortieren nach {{column}}',
      need: 'höherer Wert = mehr Bedarf',
      context: 'Kontextmerkmal',
    },
    footnotes: {
      suppressed: '– Wert unterdrückt: weniger als 10 Antworten.',
      caution: '* Mit Vorsicht interpretieren: weniger als 30 Antworten oder Variationskoeffizient über 30 %.',
      significant: 'Differenz zum Rest der Stadt: Punkte, p-Wert aus dem Normaltest (zweiseitig).',
    },
    chart: {
      title: 'Balkendiagramm: {{indicator}}',
      desc: 'Anteil je Bezirk in Prozent mit 95-%-Konfidenzintervall als Fehlerbalken; die senkrechte Linie zeigt den Wert der Stadt gesamt ({{overall}}). Die Tabelle enthält dieselben Werte.',
    },
    map: {
      title: 'Bezirkskarte (Kacheln): {{indicator}}',
      desc: 'Jede Kachel ist ein Bezirk, eingefärbt nach dem Anteil in fünf Stufen. Die Liste darunter enthält dieselben Werte als Text.',
      legend: 'Legende',
      suppressed: 'unterdrückt',
      listTitle: 'Werte der Karte als Liste',
    },
    downloads: {
      title: 'Downloads',
      resultsStandard: 'Ergebnisse (CSV, Standard)',
      resultsExcel: 'Ergebnisse (CSV für Excel, deutsch)',
      microdata: 'Mikrodaten mit Gewichten (CSV)',
      codebook: 'Codebuch (CSV)',
      script: 'R-Skript zur Reproduktion',
      hint: 'Unterdrückte Zellen sind in den Ergebnissen leer und markiert. Jeder Download wird protokolliert.',
    },
    city: 'Stadt gesamt',
  },
};

const en: typeof de = {
  analysis: {
    title: 'Analysis',
    intro: 'Weighted indicators per statistical district: design weights from the draw, nonresponse adjustment by district and household type, calibration (raking) to the frame totals. Shares with standard error and 95 % confidence interval.',
    computing: 'Computing the analysis …',
    progressLabel: 'Progress of the computation',
    loadFailed: 'The analysis could not be loaded.',
    summary: 'Draw wave {{wave}}: {{respondents}} responses from {{sampled}} contacted households. Data version {{version}}, computed in {{ms}} ms.',
    weighting: {
      title: 'Weighting',
      caption: 'Weights after nonresponse adjustment and raking per district',
      district: 'District',
      sampled: 'Contacted',
      respondents: 'Responses',
      sumWeights: 'Σ weights',
      population: 'Households (population)',
      min: 'Min',
      max: 'Max',
      cv: 'CV',
      deff: 'Kish design effect',
      effectiveN: 'Effective n',
      overall: 'Whole city',
      cells: 'Nonresponse adjustment: {{cells}} weighting cells ({{variables}}), {{collapsed}} of them collapsed. Calibration: raking to {{margins}} ({{iterations}} iterations).',
    },
    indicator: {
      sectionTitle: 'Indicators by district',
      select: 'Indicator',
      denominator: 'Base: {{text}}',
      caption: '{{indicator}} by district',
      district: 'District',
      share: 'Share',
      ci: '95 % CI',
      n: 'n',
      vsRest: 'Difference to rest of city',
      p: 'p-value',
      sortBy: 'Sort by {{column}}',
      need: 'higher value = more need',
      context: 'context variable',
    },
    footnotes: {
      suppressed: '– Value suppressed: fewer than 10 answers.',
      caution: '* Interpret with caution: fewer than 30 answers or coefficient of variation above 30 %.',
      significant: 'Difference to the rest of the city: percentage points, p-value from the two-sided normal test.',
    },
    chart: {
      title: 'Bar chart: {{indicator}}',
      desc: 'Share per district in percent with the 95 % confidence interval as error bars; the vertical line shows the whole city ({{overall}}). The table holds the same values.',
    },
    map: {
      title: 'District tile map: {{indicator}}',
      desc: 'Each tile is a district, coloured by the share in five classes. The list below holds the same values as text.',
      legend: 'Legend',
      suppressed: 'suppressed',
      listTitle: 'Map values as a list',
    },
    downloads: {
      title: 'Downloads',
      resultsStandard: 'Results (CSV, standard)',
      resultsExcel: 'Results (CSV for German Excel)',
      microdata: 'Microdata with weights (CSV)',
      codebook: 'Codebook (CSV)',
      script: 'R script to reproduce',
      hint: 'Suppressed cells are empty and flagged in the results. Every download is logged.',
    },
    city: 'Whole city',
  },
};

i18n.addResourceBundle('de', 'translation', de, true, true);
i18n.addResourceBundle('en', 'translation', en, true, true);
