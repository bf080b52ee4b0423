/**
 * The district report as data: from one analysis result and a language, the cover, the method in plain words
 * with the run's own numbers, the overview of the districts, one profile per district and the appendix tables.
 * Pure (no I/O, no clock): the PDF (reportPdf.ts) and HTML (reportHtml.ts) renderers draw the same model, so
 * both say the same numbers.
 *
 * Which value a profile shows for an indicator: the direct estimate when it is published without a caution
 * flag; otherwise the model value (Fay–Herriot, synthetic where the district has too few answers) when there
 * is one; otherwise the direct value with caution; otherwise nothing (suppressed). The marker says which.
 */
import type { AnalysisResult, IndicatorCell, IndicatorResult } from '../analysisWorkflow/computeAnalysis';
import { reportFormat, type ReportFormat } from './reportFormat';
import { REPORT_TEXTS, type ReportLanguage } from './reportTexts';

export interface ReportColumn {
  label: string;
  align: 'left' | 'right';
  /** Relative width (the renderers share the page width out by it). */
  width: number;
}

/** A table whose first cell in each row is the row's header (the district or the indicator). */
export interface ReportTable {
  kind: 'table';
  caption: string;
  columns: ReportColumn[];
  rows: { cells: string[]; emphasis?: boolean }[];
}

export type ShownKind = 'direct' | 'model' | 'synthetic' | 'suppressed';

/** One indicator of a district profile: the texts of the row and the numbers its interval plot draws. */
export interface ForestRow {
  indicator: string;
  label: string;
  value: string;
  city: string;
  marker: string;
  change: string;
  n: string;
  kind: ShownKind;
  estimate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  cityEstimate: number | null;
}

/** The key indicators of a district against the city, as a table with an interval plot column. */
export interface ReportForest {
  kind: 'forest';
  caption: string;
  columns: { indicator: string; value: string; city: string; plot: string; marker: string; change: string; n: string };
  rows: ForestRow[];
}

/** A choropleth of the districts: projected SVG paths with a fill (and a pattern for uncertain or suppressed values) and a legend. */
export interface ReportMap {
  kind: 'map';
  caption: string;
  /** The paths' coordinate box (SVG user units). */
  width: number;
  height: number;
  /** `label` at `centroid` in `labelColour` (readable on the fill). */
  areas: { name: string; path: string; fill: string; pattern: MapPattern; value: string; centroid: [number, number]; labelColour: string }[];
  legend: { fill: string; pattern: MapPattern; label: string }[];
  /** E.g. that the outlines are schematic. */
  note: string | null;
}

/** Drawn over the fill: hatch = with caution, dots = suppressed. */
export type MapPattern = 'hatch' | 'dots' | null;

export type ReportBlock =
  | { kind: 'paragraph'; text: string }
  /** Small print: legends and footnotes. */
  | { kind: 'note'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'subheading'; text: string }
  | ReportTable
  | ReportForest
  | ReportMap;

export interface ReportSection {
  id: string;
  title: string;
  level: 1 | 2;
  /** Starts on a new page (every district profile does). */
  newPage: boolean;
  /** The district this section profiles, if any. */
  district?: string;
  blocks: ReportBlock[];
}

export interface ReportModel {
  lang: ReportLanguage;
  wave: number;
  title: string;
  subtitle: string;
  cover: string[];
  coverNote: string;
  districts: string[];
  /** Whether a previous wave was analysed (change columns filled). */
  previousWave: number | null;
  sections: ReportSection[];
}

export interface ReportOptions {
  /** A prepared city map (the caller owns geometry and class breaks); left out when absent. */
  map?: Omit<ReportMap, 'kind' | 'caption'> & { indicatorLabel: string };
  /** p-value below which a district counts as clearly above or below the rest of the city (default 0.05). */
  alpha?: number;
}

const KEY_DIRECTION = 'need';

/** The value a district profile shows for a cell, and what kind it is. */
export function shownValue(cell: IndicatorCell): { kind: ShownKind; estimate: number | null; ciLow: number | null; ciHigh: number | null } {
  if (cell.flag === 'ok' && cell.estimate !== null) return { kind: 'direct', estimate: cell.estimate, ciLow: cell.ciLow, ciHigh: cell.ciHigh };
  const m = cell.model;
  if (m && m.estimate !== null) return { kind: m.kind === 'synthetic' ? 'synthetic' : 'model', estimate: m.estimate, ciLow: m.ciLow, ciHigh: m.ciHigh };
  if (cell.estimate !== null) return { kind: 'direct', estimate: cell.estimate, ciLow: cell.ciLow, ciHigh: cell.ciHigh };
  return { kind: 'suppressed', estimate: null, ciLow: null, ciHigh: null };
}

/** One part of a disclosure reason: what it says for every cell alike (`key`, `text`) and what only for this cell (`detail`). */
export interface ReasonPart {
  key: string;
  text: string;
  detail: string;
}

/**
 * The parts of a cell's disclosure reason in the report's language. The analysis states it in English
 * ("fewer than 10 answers (n = 8)", "coefficient of variation 34.1 % above 30 %"); each part is read back,
 * so the thresholds stay those of the analysis, and said again: the rule ("weniger als 10 Antworten
 * vorliegen") apart from the cell's own number ("n = 8", "VK 34,1 %"). An unknown part is kept as it is.
 * @example reasonParts('fewer than 30 answers (n = 14)', 'de') // → [{ key: 'few:30', text: 'weniger als 30 Antworten vorliegen', detail: 'n = 14' }]
 */
export function reasonParts(reason: string, lang: ReportLanguage, fmt: ReportFormat = reportFormat(lang)): ReasonPart[] {
  const t = REPORT_TEXTS[lang].reasons;
  return reason
    .split(/;\s*/)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const few = /^fewer than (\d+) answers \(n = (\d+)\)$/.exec(part);
      if (few) return { key: `few:${few[1]}`, text: t.fewAnswers({ min: few[1]! }), detail: `n = ${few[2]}` };
      const cv = /^coefficient of variation ([\d.]+) % above ([\d.]+) %$/.exec(part);
      if (cv) return { key: `cv:${cv[2]}`, text: t.cv({ max: `${fmt.decimal(Number(cv[2]), 0)}\u00a0%` }), detail: `${lang === 'de' ? 'VK' : 'CV'}\u00a0${fmt.decimal(Number(cv[1]), 1)}\u00a0%` };
      return { key: `other:${part}`, text: part, detail: '' };
    });
}

/** The weighting note of the analysis (English, parts separated by ';') in the report's language; unknown parts stay as they are. */
export function localisedWeightingNote(note: string, lang: ReportLanguage, fmt: ReportFormat = reportFormat(lang)): string {
  const t = REPORT_TEXTS[lang].weightingNotes;
  return note
    .replace(/frame counts reduced by ([\d.]+) households estimated no longer eligible \((\d+) found in the sample\)/g, (_, estimate: string, found: string) =>
      t.ineligible({ estimate: fmt.decimal(Number(estimate), 1), found: fmt.count(Number(found)) }),
    )
    .replace(/household type '(.*?)' has no respondent; raked to districts only/g, (_, type: string) => t.typeWithoutRespondent({ type }));
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function previousWaveOf(result: AnalysisResult): number | null {
  for (const ind of result.indicators) {
    for (const c of [ind.overall, ...ind.districts]) if (c.change) return c.change.previousWave;
  }
  return null;
}

/** The change in points, * when significant at 5 %, † when the series breaks (a question the indicator reads changed). */
function changeText(cell: IndicatorCell, fmt: ReportFormat, previousWave: number | null): string {
  if (previousWave === null || !cell.change) return '–';
  return `${fmt.points(cell.change.change)}${cell.change.pValue < 0.05 ? '*' : ''}${cell.change.trendBreak ? '†' : ''}`;
}


/**
 * Builds the report of one analysis result.
 * @example buildReport(run.result, 'de').sections.filter((s) => s.district).length // → number of districts
 */
export function buildReport(result: AnalysisResult, lang: ReportLanguage, options: ReportOptions = {}): ReportModel {
  const t = REPORT_TEXTS[lang];
  const fmt = reportFormat(lang);
  const alpha = options.alpha ?? 0.05;
  const previousWave = previousWaveOf(result);
  const w = result.weighting;
  const eligible = result.sampled - result.notEligible;
  const cellOf = (ind: IndicatorResult, district: string) => ind.districts.find((c) => c.district === district);
  // The key indicators are the need indicators (context ones describe the population, they have no direction);
  // a set of definitions without any need indicator profiles them all.
  const need = result.indicators.filter((i) => i.direction === KEY_DIRECTION);
  const keyIndicators = need.length > 0 ? need : result.indicators;
  /** The questions behind an indicator's trend break, as "question_a, question_b" ('*': a version's text is unknown). */
  const breakQuestions = (ind: IndicatorResult) => (ind.trendBreak?.questions ?? []).map((q) => (q.name === '*' ? t.unknownVersion : q.name)).join(', ');
  /** The change column says in its heading when there is no previous wave, so no "–" is left unexplained. */
  const changeHeading = (label: string) => (previousWave === null ? `${label} (${t.noPreviousWave})` : label);

  // Method in plain words, with the run's numbers.
  const variables = (names: string[]) => names.map((v) => t.variableNames[v] ?? v).join(lang === 'de' ? ' und ' : ' and ');
  const method: ReportBlock[] = [
    { kind: 'paragraph', text: t.methodSample({ population: fmt.count(w.overall.population ?? w.overall.sumWeights), districts: result.districts.length, sampled: fmt.count(result.sampled), wave: result.wave }) },
    {
      kind: 'paragraph',
      text: t.methodResponse({
        respondents: fmt.count(result.respondents),
        eligible: fmt.count(eligible),
        rate: fmt.percent(eligible > 0 ? result.respondents / eligible : null),
        notEligible: fmt.count(result.notEligible),
        open: fmt.count(result.excludedOpenResponses),
      }),
    },
    { kind: 'paragraph', text: t.methodWeightingIntro },
    {
      kind: 'list',
      items: t.methodWeightingSteps({
        cellVariables: variables(w.nonresponse.cellVariables),
        merges: w.nonresponse.merges.length,
        rakeVariables: variables(w.calibration.variables),
        iterations: w.calibration.iterations,
        misfit: w.calibration.maxMisfit < 5e-7 ? `< ${fmt.decimal(0.000001, 6)}` : fmt.decimal(w.calibration.maxMisfit, 6),
        min: fmt.decimal(w.overall.min, 1),
        max: fmt.decimal(w.overall.max, 1),
        deff: fmt.decimal(w.overall.kishDeff, 2),
        effectiveN: fmt.count(w.overall.effectiveN),
      }),
    },
    ...(w.calibration.note ? [{ kind: 'paragraph' as const, text: t.methodWeightingNote({ note: localisedWeightingNote(w.calibration.note, lang, fmt) }) }] : []),
    { kind: 'paragraph', text: t.methodEstimates },
    { kind: 'paragraph', text: t.methodDisclosure },
    {
      kind: 'paragraph',
      text:
        result.smallArea.levels.length > 0
          ? t.methodModel({
              levels: result.smallArea.levels.map((l) => t.levelNames[l]).join(lang === 'de' ? ' und ' : ' and '),
              bootstrap: result.smallArea.bootstrap,
              directCv: fmt.percent(result.smallArea.medianCv.direct),
              modelCv: fmt.percent(result.smallArea.medianCv.model),
            })
          : t.methodNoModel,
    },
    { kind: 'paragraph', text: t.methodShown },
    { kind: 'paragraph', text: previousWave === null ? t.methodNoChange : t.methodChange({ previousWave }) },
  ];
  const broken = previousWave === null ? [] : result.indicators.filter((i) => i.trendBreak);
  if (broken.length > 0) method.push({ kind: 'paragraph', text: t.methodTrendBreaks({ list: broken.map((i) => `${i.label[lang]} (${breakQuestions(i)})`).join('; ') }) });

  // Overview: one row per district and the city.
  const oc = t.overviewColumns;
  const overview: ReportTable = {
    kind: 'table',
    caption: t.overviewCaption,
    columns: [
      { label: oc.district, align: 'left', width: 3 },
      { label: oc.sampled, align: 'right', width: 1.4 },
      { label: oc.respondents, align: 'right', width: 1.4 },
      { label: oc.rate, align: 'right', width: 1.4 },
      { label: oc.households, align: 'right', width: 1.5 },
      { label: oc.suppressed, align: 'right', width: 1.6 },
      { label: oc.caution, align: 'right', width: 1.6 },
      { label: oc.medianCv, align: 'right', width: 1.5 },
    ],
    rows: [],
  };
  const districtStats = result.districts.map((district) => {
    const d = w.districts.find((x) => x.domain === district);
    const cells = result.indicators.map((i) => cellOf(i, district)).filter((c): c is IndicatorCell => c !== undefined);
    return {
      district,
      sampled: d?.sampled ?? 0,
      respondents: d?.n ?? 0,
      households: d?.population ?? d?.sumWeights ?? 0,
      suppressed: cells.filter((c) => c.flag === 'suppressed').length,
      caution: cells.filter((c) => c.flag === 'caution').length,
      medianCv: median(cells.filter((c) => c.cv !== null && Number.isFinite(c.cv)).map((c) => c.cv as number)),
    };
  });
  for (const s of districtStats) {
    overview.rows.push({
      cells: [s.district, fmt.count(s.sampled), fmt.count(s.respondents), fmt.percent(s.sampled > 0 ? s.respondents / s.sampled : null), fmt.count(s.households), String(s.suppressed), String(s.caution), fmt.percent(s.medianCv)],
    });
  }
  const cityCells = result.indicators.map((i) => i.overall);
  overview.rows.push({
    emphasis: true,
    cells: [
      t.city,
      fmt.count(result.sampled),
      fmt.count(result.respondents),
      fmt.percent(eligible > 0 ? result.respondents / eligible : null),
      fmt.count(w.overall.population ?? w.overall.sumWeights),
      String(cityCells.filter((c) => c.flag === 'suppressed').length),
      String(cityCells.filter((c) => c.flag === 'caution').length),
      fmt.percent(median(cityCells.filter((c) => c.cv !== null && Number.isFinite(c.cv)).map((c) => c.cv as number))),
    ],
  });

  const sections: ReportSection[] = [
    { id: 'method', title: t.method, level: 1, newPage: true, blocks: method },
    { id: 'overview', title: t.overview, level: 1, newPage: true, blocks: [{ kind: 'paragraph', text: t.overviewIntro }, overview] },
  ];
  if (options.map) {
    const { indicatorLabel, ...map } = options.map;
    sections.push({
      id: 'map',
      title: t.map,
      level: 1,
      newPage: false,
      blocks: [{ kind: 'map', caption: t.mapIntro({ indicator: indicatorLabel }), ...map }],
    });
  }

  // One profile per district, each on a page of its own.
  sections.push({ id: 'profiles', title: t.profiles, level: 1, newPage: true, blocks: [] });
  result.districts.forEach((district, index) => {
    const stats = districtStats[index]!;
    const rows: ForestRow[] = keyIndicators.map((ind) => {
      const cell = cellOf(ind, district)!;
      const shown = shownValue(cell);
      return {
        indicator: ind.id,
        label: ind.label[lang],
        value: shown.kind === 'suppressed' ? '–' : `${fmt.percent(shown.estimate)} ${fmt.interval(shown.ciLow, shown.ciHigh)}`.trim(),
        city: fmt.percent(ind.overall.estimate),
        marker: t.markers[shown.kind],
        change: changeText(cell, fmt, previousWave),
        n: String(cell.n),
        kind: shown.kind,
        estimate: shown.estimate,
        ciLow: shown.ciLow,
        ciHigh: shown.ciHigh,
        cityEstimate: ind.overall.estimate,
      };
    });
    const significant = (sign: 1 | -1) =>
      keyIndicators
        .filter((ind) => {
          const v = cellOf(ind, district)?.vsRest;
          return v && v.pValue < alpha && Math.sign(v.difference) === sign;
        })
        .map((ind) => ind.label[lang]);
    const higher = significant(1);
    const lower = significant(-1);
    // What is suppressed, uncertain or not comparable: one line per rule, naming the indicators with their own numbers.
    const groups = new Map<string, { suppressed: boolean; text: string; items: string[] }>();
    const add = (suppressed: boolean, part: ReasonPart, item: string) => {
      const key = `${suppressed ? 's' : 'c'}|${part.key}`;
      const group = groups.get(key) ?? { suppressed, text: part.text, items: [] };
      group.items.push(item);
      groups.set(key, group);
    };
    const breaks: string[] = [];
    for (const ind of result.indicators) {
      const cell = cellOf(ind, district);
      if (!cell) continue;
      const label = ind.label[lang];
      if (cell.flag !== 'ok') {
        const suppressed = cell.flag === 'suppressed';
        const modelShown = suppressed && keyIndicators.includes(ind) && shownValue(cell).kind !== 'suppressed';
        for (const part of reasonParts(cell.reason, lang, fmt)) {
          const details = [part.detail, modelShown ? t.modelShown : ''].filter((d) => d !== '').join('; ');
          add(suppressed, part, details ? `${label} (${details})` : label);
        }
      }
      if (cell.change?.trendBreak) breaks.push(`${label} (${breakQuestions(ind)})`);
    }
    const notes = [...groups.values()]
      .sort((a, b) => Number(b.suppressed) - Number(a.suppressed))
      .map((g) => (g.suppressed ? t.suppressedGroup : t.cautionGroup)({ reason: g.text, items: g.items.join('; ') }));
    if (breaks.length > 0) notes.push(t.trendBreakGroup({ items: breaks.join('; ') }));
    const blocks: ReportBlock[] = [
      {
        kind: 'paragraph',
        text: t.profileIntro({
          respondents: fmt.count(stats.respondents),
          sampled: fmt.count(stats.sampled),
          rate: fmt.percent(stats.sampled > 0 ? stats.respondents / stats.sampled : null),
          households: fmt.count(stats.households),
        }),
      },
      { kind: 'forest', caption: t.profileCaption({ district }), columns: { ...t.profileColumns, change: changeHeading(t.profileColumns.change) }, rows },
      { kind: 'note', text: `${t.markerLegend} ${t.plotLegend} ${previousWave === null ? t.changeLegendNone : t.changeLegend({ previousWave })}` },
    ];
    if (higher.length > 0) blocks.push({ kind: 'paragraph', text: t.higher({ list: higher.join('; ') }) });
    if (lower.length > 0) blocks.push({ kind: 'paragraph', text: t.lower({ list: lower.join('; ') }) });
    if (higher.length === 0 && lower.length === 0) blocks.push({ kind: 'paragraph', text: t.noDifference });
    blocks.push({ kind: 'subheading', text: t.suppressedHeading });
    blocks.push(notes.length > 0 ? { kind: 'list', items: notes } : { kind: 'paragraph', text: t.nothingSuppressed });
    sections.push({ id: `district-${index + 1}`, title: district, level: 2, newPage: index > 0, district, blocks });
  });

  // Appendix: every indicator × district.
  const ac = t.appendixColumns;
  sections.push({ id: 'appendix', title: t.appendix, level: 1, newPage: true, blocks: [{ kind: 'paragraph', text: t.appendixIntro }] });
  result.indicators.forEach((ind, index) => {
    const row = (name: string, c: IndicatorCell, emphasis = false) => ({
      emphasis,
      cells: [
        name,
        String(c.n),
        c.estimate === null ? '–' : `${fmt.percent(c.estimate)} ${fmt.interval(c.ciLow, c.ciHigh)}`.trim(),
        t.flags[c.flag],
        c.model && c.model.estimate !== null ? `${fmt.percent(c.model.estimate)} ${fmt.interval(c.model.ciLow, c.model.ciHigh)}`.trim() + (c.model.kind === 'synthetic' ? ' S' : '') : '–',
        changeText(c, fmt, previousWave),
      ],
    });
    sections.push({
      id: `indicator-${index + 1}`,
      title: ind.label[lang],
      level: 2,
      newPage: false,
      blocks: [
        {
          kind: 'table',
          caption: t.appendixCaption({ denominator: ind.denominatorLabel[lang] }),
          columns: [
            { label: ac.district, align: 'left', width: 2.6 },
            { label: ac.n, align: 'right', width: 0.8 },
            { label: ac.direct, align: 'right', width: 3 },
            { label: ac.flag, align: 'left', width: 1.7 },
            { label: ac.model, align: 'right', width: 3 },
            { label: changeHeading(ac.change), align: 'right', width: 1.8 },
          ],
          rows: [...ind.districts.map((c) => row(c.district ?? '', c)), row(t.city, ind.overall, true)],
        },
      ],
    });
  });

  return {
    lang,
    wave: result.wave,
    title: t.title,
    subtitle: t.subtitle({ wave: result.wave, districts: result.districts.length }),
    cover: t.coverLines({
      drawId: result.drawId,
      dataVersion: result.dataVersion,
      computedAt: fmt.timestamp(result.computedAt),
      respondents: fmt.count(result.respondents),
      questionnaire: `${result.questionnaire.id} (${result.questionnaire.versions.map((v) => `v${v}`).join(', ')})`,
    }),
    coverNote: t.coverNote,
    districts: [...result.districts],
    previousWave,
    sections,
  };
}
