/**
 * The prose of the district report, German first, English second: headings, the method in plain words,
 * table headings and the notes on suppressed and uncertain values. Texts with numbers are functions of
 * already formatted values (see reportFormat.ts), so both languages say exactly the same numbers.
 */
export type ReportLanguage = 'de' | 'en';

interface ReportTexts {
  title: string;
  subtitle: (p: { wave: number; districts: number }) => string;
  coverLines: (p: { drawId: string; dataVersion: string; computedAt: string; respondents: string; questionnaire: string }) => string[];
  coverNote: string;
  contents: string;
  page: (p: { page: number; pages: number }) => string;
  continued: string;

  method: string;
  methodSample: (p: { population: string; districts: number; sampled: string; wave: number }) => string;
  methodResponse: (p: { respondents: string; eligible: string; rate: string; notEligible: string; open: string }) => string;
  methodWeightingIntro: string;
  methodWeightingSteps: (p: { cellVariables: string; merges: number; rakeVariables: string; iterations: number; misfit: string; min: string; max: string; deff: string; effectiveN: string }) => string[];
  methodWeightingNote: (p: { note: string }) => string;
  methodEstimates: string;
  methodDisclosure: string;
  methodModel: (p: { levels: string; bootstrap: number; directCv: string; modelCv: string }) => string;
  methodNoModel: string;
  methodShown: string;
  methodChange: (p: { previousWave: number }) => string;
  methodNoChange: string;
  methodTrendBreaks: (p: { list: string }) => string;
  trendBreakGroup: (p: { items: string }) => string;
  unknownVersion: string;
  levelNames: { district: string; subdistrict: string };
  variableNames: Record<string, string>;

  overview: string;
  overviewIntro: string;
  overviewCaption: string;
  overviewColumns: { district: string; sampled: string; respondents: string; rate: string; households: string; suppressed: string; caution: string; medianCv: string };
  city: string;

  map: string;
  mapIntro: (p: { indicator: string }) => string;
  mapLegend: string;

  profiles: string;
  profileIntro: (p: { respondents: string; sampled: string; rate: string; households: string }) => string;
  profileCaption: (p: { district: string }) => string;
  profileColumns: { indicator: string; value: string; city: string; plot: string; marker: string; change: string; n: string };
  higher: (p: { list: string }) => string;
  lower: (p: { list: string }) => string;
  noDifference: string;
  suppressedHeading: string;
  nothingSuppressed: string;
  suppressedGroup: (p: { reason: string; items: string }) => string;
  modelShown: string;
  cautionGroup: (p: { reason: string; items: string }) => string;
  markers: { direct: string; model: string; synthetic: string; suppressed: string };
  markerLegend: string;
  plotLegend: string;
  noPreviousWave: string;
  changeLegendNone: string;
  changeLegend: (p: { previousWave: number }) => string;
  weightingNotes: {
    ineligible: (p: { estimate: string; found: string }) => string;
    typeWithoutRespondent: (p: { type: string }) => string;
  };

  appendix: string;
  appendixIntro: string;
  appendixCaption: (p: { denominator: string }) => string;
  appendixColumns: { district: string; n: string; direct: string; flag: string; model: string; change: string };
  flags: { ok: string; caution: string; suppressed: string };

  reasons: {
    fewAnswers: (p: { min: string }) => string;
    cv: (p: { max: string }) => string;
  };
}

export const REPORT_TEXTS: Record<ReportLanguage, ReportTexts> = {
  de: {
    title: 'Familienbefragung: Bericht zu den Stadtteilen',
    subtitle: (p) => `Welle ${p.wave} · ${p.districts} Stadtteile`,
    coverLines: (p) => [
      `Ziehung: ${p.drawId}`,
      `Datenstand: ${p.dataVersion}, berechnet am ${p.computedAt}`,
      `Auswertbare Fragebögen: ${p.respondents}`,
      `Fragebogen: ${p.questionnaire}`,
    ],
    coverNote:
      'Alle Werte sind hochgerechnete Anteile der Haushalte mit Kindern. Jeder Wert steht mit seinem 95-%-Vertrauensbereich; Werte aus zu wenigen Antworten werden nicht gezeigt.',
    contents: 'Inhalt',
    page: (p) => `Seite ${p.page} von ${p.pages}`,
    continued: '(Fortsetzung)',

    method: 'Methode in einfachen Worten',
    methodSample: (p) =>
      `Stichprobe: Aus dem Melderegister wurden alle rund ${p.population} Haushalte mit Kindern in ${p.districts} Stadtteilen als Auswahlgrundlage genommen. Daraus wurden für Welle ${p.wave} ${p.sampled} Haushalte zufällig gezogen, in jedem Stadtteil getrennt (geschichtete Zufallsstichprobe), damit auch kleine Stadtteile genug Antworten bekommen.`,
    methodResponse: (p) =>
      `Rücklauf: ${p.respondents} von ${p.eligible} angeschriebenen Haushalten haben den Fragebogen online oder auf Papier ausgefüllt, eine Rücklaufquote von ${p.rate}. ${p.notEligible} Haushalte gehörten nicht mehr zur Zielgruppe und zählen nicht mit; ${p.open} Antworten über den offenen Link gehören nicht zur Zufallsstichprobe und fließen nicht in die Werte ein.`,
    methodWeightingIntro: 'Gewichtung: Damit die Antworten für alle Familien der Stadt sprechen, bekommt jeder Fragebogen ein Gewicht, in drei Schritten:',
    methodWeightingSteps: (p) => [
      'Designgewicht: Jeder Haushalt zählt für so viele Haushalte seines Stadtteils, wie auf einen gezogenen Haushalt kommen.',
      `Ausgleich der Nichtantwort: Innerhalb von Gruppen nach ${p.cellVariables} zählen die Antwortenden zusätzlich für die, die nicht geantwortet haben (${p.merges} zu kleine Gruppen wurden zusammengelegt).`,
      `Anpassung an bekannte Zahlen (Raking): Die Gewichte werden so angeglichen, dass die Zahl der Haushalte je ${p.rakeVariables} genau der Auswahlgrundlage entspricht (${p.iterations} Durchläufe, größte Restabweichung ${p.misfit}).`,
      `Ergebnis: Gewichte zwischen ${p.min} und ${p.max}; der Designeffekt der Gewichtung beträgt ${p.deff}, die Antworten sind so viel wert wie ${p.effectiveN} ungewichtete.`,
    ],
    methodWeightingNote: (p) => `Hinweis zur Gewichtung: ${p.note}.`,
    methodEstimates:
      'Schätzung: Jeder Kennwert ist ein gewichteter Anteil. Der 95-%-Vertrauensbereich gibt an, wo der wahre Anteil mit hoher Sicherheit liegt; er berücksichtigt die geschichtete Stichprobe und die Gewichtung (Linearisierung wie im R-Paket survey).',
    methodDisclosure:
      'Schutz kleiner Zahlen: Werte aus weniger als 10 Antworten werden unterdrückt (nicht gezeigt). Werte aus weniger als 30 Antworten oder mit einem Variationskoeffizienten über 30 % sind „mit Vorsicht“ zu lesen.',
    methodModel: (p) =>
      `Modell für kleine Gebiete: Für ${p.levels} wird zusätzlich ein modellgestützter Wert berechnet (Fay-Herriot-Modell). Er verbindet die Antworten im Gebiet mit bekannten Strukturdaten aller Gebiete und ist dadurch genauer: Der mittlere Variationskoeffizient sinkt von ${p.directCv} (direkt) auf ${p.modelCv} (Modell). Die Unsicherheit des Modells wird mit ${p.bootstrap} Wiederholungen (Bootstrap) geschätzt; die Stadtteilwerte ergeben zusammen wieder den direkten Stadtwert.`,
    methodNoModel: 'Modell für kleine Gebiete: Für diese Ziehung liegen keine Strukturdaten der Gebiete vor; alle Werte sind direkte Schätzungen.',
    methodShown:
      'Welcher Wert gezeigt wird: In den Stadtteilprofilen steht der direkte Wert, wenn er ohne Einschränkung veröffentlicht werden kann (Kennzeichen D). Ist er unsicher oder unterdrückt, steht der Modellwert (M), und wo im Stadtteil zu wenige Antworten vorliegen, ein rein aus Strukturdaten geschätzter Wert (S).',
    methodChange: (p) =>
      `Veränderung: Die Spalte „Veränderung“ vergleicht mit Welle ${p.previousWave} (Differenz in Prozentpunkten; * = statistisch gesichert bei 5 %). Die Wellen werden als unabhängige Stichproben behandelt.`,
    methodNoChange: 'Veränderung: Es gibt keine frühere Welle, mit der verglichen werden kann (keine Vorwelle).',
    methodTrendBreaks: (p) =>
      `Zeitreihenbrüche: Zwischen den Wellen wurde im Fragebogen eine Frage geändert, die folgende Kennwerte lesen: ${p.list}. Ihre Veränderung ist nur eingeschränkt vergleichbar und mit † gekennzeichnet.`,
    unknownVersion: 'Text einer Fragebogenversion unbekannt',
    trendBreakGroup: (p) => `Zeitreihenbruch, weil sich im Fragebogen eine Frage geändert hat; die Veränderung ist nur eingeschränkt vergleichbar: ${p.items}.`,
    levelNames: { district: 'die Stadtteile', subdistrict: 'die Teilgebiete' },
    variableNames: { district: 'Stadtteil', household_type: 'Haushaltstyp' },

    overview: 'Überblick über die Stadtteile',
    overviewIntro: 'Stichprobe, Rücklauf und Genauigkeit je Stadtteil. „Unterdrückt“ und „mit Vorsicht“ zählen die Kennwerte des Stadtteils mit diesem Kennzeichen.',
    overviewCaption: 'Stichprobe und Rücklauf je Stadtteil',
    overviewColumns: {
      district: 'Stadtteil',
      sampled: 'Gezogen',
      respondents: 'Antworten',
      rate: 'Rücklauf',
      households: 'Haushalte',
      suppressed: 'Unterdrückt',
      caution: 'Mit Vorsicht',
      medianCv: 'Median VK',
    },
    city: 'Stadt gesamt',

    map: 'Stadtkarte',
    mapIntro: (p) => `${p.indicator}: Anteil je Stadtteil, wie im Stadtteilprofil gezeigt.`,
    mapLegend: 'Legende',

    profiles: 'Stadtteilprofile',
    profileIntro: (p) =>
      `${p.respondents} Antworten von ${p.sampled} gezogenen Haushalten (Rücklauf ${p.rate}); im Stadtteil leben rund ${p.households} Haushalte mit Kindern.`,
    profileCaption: (p) => `Kennwerte in ${p.district} im Vergleich zur Stadt`,
    profileColumns: { indicator: 'Kennwert', value: 'Stadtteil [95-%-Bereich]', city: 'Stadt', plot: '0 – 100 %', marker: 'Art', change: 'Veränderung', n: 'n' },
    higher: (p) => `Deutlich höher als im Rest der Stadt: ${p.list}.`,
    lower: (p) => `Deutlich niedriger als im Rest der Stadt: ${p.list}.`,
    noDifference: 'Kein Kennwert unterscheidet sich statistisch gesichert vom Rest der Stadt.',
    suppressedHeading: 'Unterdrückte, unsichere und nicht vergleichbare Werte',
    nothingSuppressed: 'Kein Wert dieses Stadtteils ist unterdrückt, unsicher oder nur eingeschränkt vergleichbar.',
    suppressedGroup: (p) => `Direkter Wert unterdrückt, weil ${p.reason}: ${p.items}.`,
    modelShown: 'gezeigt wird der Modellwert',
    cautionGroup: (p) => `Mit Vorsicht zu lesen, weil ${p.reason}: ${p.items}.`,
    markers: { direct: 'D', model: 'M', synthetic: 'S', suppressed: '–' },
    markerLegend: 'Art: D = direkter Wert aus den Antworten, M = Modellwert, S = nur aus Strukturdaten geschätzt, – = unterdrückt.',
    plotLegend: 'Grafik: Punkt = Wert des Stadtteils, Linie = 95-%-Vertrauensbereich, senkrechter Strich = Stadtwert.',
    noPreviousWave: 'keine Vorwelle',
    changeLegendNone: 'Veränderung: keine Vorwelle, daher kein Vergleich (–).',
    changeLegend: (p) => `Veränderung: gegenüber Welle ${p.previousWave} in Prozentpunkten, * = statistisch gesichert, † = Zeitreihenbruch.`,
    weightingNotes: {
      ineligible: (p) => `Die Haushaltszahlen der Auswahlgrundlage wurden um geschätzt ${p.estimate} Haushalte verringert, die nicht mehr zur Zielgruppe gehören (${p.found} davon in der Stichprobe gefunden)`,
      typeWithoutRespondent: (p) => `Haushaltstyp „${p.type}“ hat keine Antwort; es wurde nur an die Stadtteile angepasst`,
    },

    appendix: 'Anhang: alle Kennwerte nach Stadtteil',
    appendixIntro:
      'Je Kennwert eine Tabelle: direkter Wert mit 95-%-Vertrauensbereich, Kennzeichen, Modellwert und Veränderung. Werte in Prozent; n = Zahl der Antworten im Nenner.',
    appendixCaption: (p) => `Basis: ${p.denominator}`,
    appendixColumns: { district: 'Stadtteil', n: 'n', direct: 'Direkt [95-%-Bereich]', flag: 'Kennzeichen', model: 'Modell [95-%-Bereich]', change: 'Veränderung' },
    flags: { ok: 'gesichert', caution: 'mit Vorsicht', suppressed: 'unterdrückt' },

    reasons: {
      fewAnswers: (p) => `weniger als ${p.min} Antworten vorliegen`,
      cv: (p) => `der Variationskoeffizient (VK) über ${p.max} liegt`,
    },
  },
  en: {
    title: 'Family survey: district report',
    subtitle: (p) => `Wave ${p.wave} · ${p.districts} districts`,
    coverLines: (p) => [
      `Draw: ${p.drawId}`,
      `Data version: ${p.dataVersion}, computed on ${p.computedAt}`,
      `Usable questionnaires: ${p.respondents}`,
      `Questionnaire: ${p.questionnaire}`,
    ],
    coverNote:
      'All values are estimated shares of households with children. Every value comes with its 95 % confidence interval; values based on too few answers are not shown.',
    contents: 'Contents',
    page: (p) => `Page ${p.page} of ${p.pages}`,
    continued: '(continued)',

    method: 'Method in plain words',
    methodSample: (p) =>
      `Sample: all of the about ${p.population} households with children in ${p.districts} districts, taken from the population register, formed the sampling frame. For wave ${p.wave}, ${p.sampled} households were drawn at random, separately in each district (stratified random sample), so that small districts also get enough answers.`,
    methodResponse: (p) =>
      `Response: ${p.respondents} of ${p.eligible} invited households filled in the questionnaire online or on paper, a response rate of ${p.rate}. ${p.notEligible} households no longer belonged to the target group and are not counted; ${p.open} answers through the open link are not part of the random sample and do not enter the figures.`,
    methodWeightingIntro: 'Weighting: so that the answers speak for all families of the city, every questionnaire gets a weight, in three steps:',
    methodWeightingSteps: (p) => [
      'Design weight: each household counts for as many households of its district as there are per drawn household.',
      `Nonresponse adjustment: within groups by ${p.cellVariables}, those who answered also count for those who did not (${p.merges} groups that were too small were merged).`,
      `Adjustment to known totals (raking): the weights are adjusted so that the number of households per ${p.rakeVariables} matches the sampling frame exactly (${p.iterations} iterations, largest remaining difference ${p.misfit}).`,
      `Result: weights between ${p.min} and ${p.max}; the design effect of weighting is ${p.deff}, so the answers are worth as much as ${p.effectiveN} unweighted ones.`,
    ],
    methodWeightingNote: (p) => `Note on the weighting: ${p.note}.`,
    methodEstimates:
      'Estimation: every indicator is a weighted share. The 95 % confidence interval shows where the true share lies with high certainty; it accounts for the stratified sample and the weighting (linearisation as in the R package survey).',
    methodDisclosure:
      'Protection of small numbers: values based on fewer than 10 answers are suppressed (not shown). Values based on fewer than 30 answers or with a coefficient of variation above 30 % are to be read "with caution".',
    methodModel: (p) =>
      `Small-area model: for ${p.levels} a model-based value is computed as well (Fay-Herriot model). It combines the answers in the area with known structural data of all areas and is therefore more precise: the median coefficient of variation falls from ${p.directCv} (direct) to ${p.modelCv} (model). The model's uncertainty is estimated with ${p.bootstrap} replicates (bootstrap); the district values add up to the direct city value again.`,
    methodNoModel: 'Small-area model: there are no structural data of the areas for this draw; all values are direct estimates.',
    methodShown:
      'Which value is shown: the district profiles show the direct value when it can be published without restriction (marker D). When it is uncertain or suppressed, the model value is shown (M), and where the district has too few answers, a value estimated from structural data alone (S).',
    methodChange: (p) =>
      `Change: the column "Change" compares with wave ${p.previousWave} (difference in percentage points; * = statistically significant at 5 %). The waves are treated as independent samples.`,
    methodNoChange: 'Change: there is no earlier wave to compare with (no previous wave).',
    methodTrendBreaks: (p) =>
      `Breaks in series: between the waves, the questionnaire changed a question that these indicators read: ${p.list}. Their change is only partly comparable and marked with †.`,
    unknownVersion: 'text of a questionnaire version unknown',
    trendBreakGroup: (p) => `Break in series, because a question changed in the questionnaire; the change is only partly comparable: ${p.items}.`,
    levelNames: { district: 'the districts', subdistrict: 'the sub-districts' },
    variableNames: { district: 'district', household_type: 'household type' },

    overview: 'Districts at a glance',
    overviewIntro: 'Sample, response and precision per district. "Suppressed" and "Caution" count the district\'s indicators with that flag.',
    overviewCaption: 'Sample and response per district',
    overviewColumns: {
      district: 'District',
      sampled: 'Drawn',
      respondents: 'Answers',
      rate: 'Response',
      households: 'Households',
      suppressed: 'Suppressed',
      caution: 'Caution',
      medianCv: 'Median CV',
    },
    city: 'Whole city',

    map: 'City map',
    mapIntro: (p) => `${p.indicator}: share per district, as shown in the district profile.`,
    mapLegend: 'Legend',

    profiles: 'District profiles',
    profileIntro: (p) =>
      `${p.respondents} answers from ${p.sampled} households drawn (response ${p.rate}); about ${p.households} households with children live in the district.`,
    profileCaption: (p) => `Indicators in ${p.district} compared with the city`,
    profileColumns: { indicator: 'Indicator', value: 'District [95 % interval]', city: 'City', plot: '0 – 100 %', marker: 'Kind', change: 'Change', n: 'n' },
    higher: (p) => `Clearly higher than in the rest of the city: ${p.list}.`,
    lower: (p) => `Clearly lower than in the rest of the city: ${p.list}.`,
    noDifference: 'No indicator differs significantly from the rest of the city.',
    suppressedHeading: 'Suppressed, uncertain and not comparable values',
    nothingSuppressed: 'No value of this district is suppressed, uncertain or only partly comparable.',
    suppressedGroup: (p) => `Direct value suppressed because ${p.reason}: ${p.items}.`,
    modelShown: 'the model value is shown',
    cautionGroup: (p) => `Read with caution because ${p.reason}: ${p.items}.`,
    markers: { direct: 'D', model: 'M', synthetic: 'S', suppressed: '–' },
    markerLegend: 'Kind: D = direct value from the answers, M = model value, S = estimated from structural data alone, – = suppressed.',
    plotLegend: 'Plot: dot = district value, line = 95 % confidence interval, vertical tick = city value.',
    noPreviousWave: 'no previous wave',
    changeLegendNone: 'Change: no previous wave, so no comparison (–).',
    changeLegend: (p) => `Change: since wave ${p.previousWave} in percentage points, * = statistically significant, † = break in series.`,
    weightingNotes: {
      ineligible: (p) => `The frame's household counts were reduced by an estimated ${p.estimate} households no longer in the target group (${p.found} of them found in the sample)`,
      typeWithoutRespondent: (p) => `Household type '${p.type}' has no answer; the weights were adjusted to the districts only`,
    },

    appendix: 'Appendix: all indicators by district',
    appendixIntro: 'One table per indicator: direct value with 95 % confidence interval, flag, model value and change. Values in per cent; n = answers in the denominator.',
    appendixCaption: (p) => `Base: ${p.denominator}`,
    appendixColumns: { district: 'District', n: 'n', direct: 'Direct [95 % interval]', flag: 'Flag', model: 'Model [95 % interval]', change: 'Change' },
    flags: { ok: 'reliable', caution: 'with caution', suppressed: 'suppressed' },

    reasons: {
      fewAnswers: (p) => `there are fewer than ${p.min} answers`,
      cv: (p) => `the coefficient of variation (CV) is above ${p.max}`,
    },
  },
};
