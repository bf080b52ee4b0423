/**
 * Downloads of an analysis run: the published results table (two CSV dialects), the respondent microdata
 * with final weights, its codebook and an R script that rebuilds the calibrated design with R's survey
 * package and reproduces every published district estimate and SE from the microdata.
 */
import { resultsToCsv, type CsvCell, type CsvDialect } from '../../analysis';
import { INDICATORS, ruleToR } from '../../analysis/indicators';
import { loadQuestionnaire, questionCatalogue, type CatalogueQuestion } from '../questionnaire';
import type { AnalysisRun } from './computeAnalysis';

export type Lang = 'de' | 'en';

const RESULT_COLUMNS = ['indicator', 'label', 'district', 'n', 'estimate', 'se', 'ci_low', 'ci_high', 'cv', 'flag', 'suppressed', 'diff_vs_rest', 'se_diff_vs_rest', 'p_vs_rest', 'change_since_previous_wave', 'se_change', 'p_change'];

/** One row per indicator × (city, district); suppressed cells are empty with suppressed = 1. */
export function resultsCsv(run: AnalysisRun, dialect: CsvDialect, lang: Lang): { text: string; rows: number } {
  const city = lang === 'de' ? 'Stadt gesamt' : 'Whole city';
  const rows: CsvCell[][] = [];
  for (const ind of run.result.indicators) {
    for (const cell of [ind.overall, ...ind.districts]) {
      rows.push([
        ind.id,
        ind.label[lang],
        cell.district ?? city,
        cell.n,
        cell.estimate,
        cell.se,
        cell.ciLow,
        cell.ciHigh,
        cell.cv,
        cell.flag,
        cell.flag === 'suppressed' ? 1 : 0,
        cell.vsRest?.difference,
        cell.vsRest?.se,
        cell.vsRest?.pValue,
        cell.change?.change,
        cell.change?.se,
        cell.change?.pValue,
      ]);
    }
  }
  return { text: resultsToCsv(RESULT_COLUMNS, rows, dialect), rows: rows.length };
}

/** Questions exported as microdata: coded and numeric ones; free text never (it may name people). */
function exportedQuestions(version: number): CatalogueQuestion[] {
  return questionCatalogue(loadQuestionnaire(version)).filter((q) => q.type !== 'comment' && (q.type !== 'text' || q.inputType === 'number'));
}

function answerColumns(questions: readonly CatalogueQuestion[]): { name: string; question: CatalogueQuestion; code?: unknown }[] {
  return questions.flatMap((q) => (q.multiple ? (q.choices ?? []).map((c) => ({ name: `${q.name}_${String(c.value)}`, question: q, code: c.value })) : [{ name: q.name, question: q }]));
}

const DESIGN_COLUMNS = ['respondent', 'district', 'household_type', 'N_h', 'design_weight', 'nr_weight', 'final_weight'];

function questionnaireVersion(run: AnalysisRun): number {
  return run.result.questionnaire.versions.at(-1) ?? 1;
}

/** Respondent microdata: design variables, weights and coded answers; no household id, name, address or code. */
export function microdataCsv(run: AnalysisRun): { text: string; rows: number; columns: string[] } {
  const columns = answerColumns(exportedQuestions(questionnaireVersion(run)));
  const header = [...DESIGN_COLUMNS, ...columns.map((c) => c.name)];
  const rows = run.microdata.map((row, i) => {
    const answers = run.answers[i];
    const cells: CsvCell[] = DESIGN_COLUMNS.map((c) => row[c] as CsvCell);
    for (const c of columns) {
      const value = answers[c.question.name];
      if (c.code !== undefined) cells.push(Array.isArray(value) ? (value.some((v) => String(v) === String(c.code)) ? 1 : 0) : null);
      else cells.push(value === undefined || value === null || value === '' ? null : typeof value === 'number' ? value : Number.isFinite(Number(value)) ? Number(value) : String(value));
    }
    return cells;
  });
  return { text: resultsToCsv(header, rows, 'standard'), rows: rows.length, columns: header };
}

/** Codebook: one row per variable and answer code, plus the design variables and indicator derivations. */
export function codebookCsv(run: AnalysisRun): { text: string; rows: number } {
  const version = questionnaireVersion(run);
  const qid = run.result.questionnaire.id;
  const header = ['variable', 'label_de', 'label_en', 'type', 'value', 'value_label_de', 'value_label_en', 'derivation', 'questionnaire_id', 'questionnaire_version'];
  const rows: CsvCell[][] = [];
  const design: [string, string, string, string][] = [
    ['respondent', 'Laufende Nummer der antwortenden Haushalte', 'Running number of responding households', 'integer'],
    ['district', 'Statistischer Bezirk (Schicht)', 'Statistical district (stratum)', 'text'],
    ['household_type', 'Haushaltstyp laut Auswahlgrundlage', 'Household type from the frame', 'text'],
    ['N_h', 'Haushalte im Bezirk laut Auswahlgrundlage', 'Households in the district (frame)', 'integer'],
    ['design_weight', 'Designgewicht 1/π', 'Design weight 1/π', 'number'],
    ['nr_weight', 'Gewicht nach Ausfallanpassung', 'Weight after nonresponse adjustment', 'number'],
    ['final_weight', 'Endgewicht nach Raking', 'Final weight after raking', 'number'],
  ];
  for (const [name, de, en, type] of design) rows.push([name, de, en, type, null, null, null, null, qid, version]);
  for (const c of answerColumns(exportedQuestions(version))) {
    const q = c.question;
    if (c.code !== undefined) {
      const choice = q.choices!.find((x) => x.value === c.code)!;
      rows.push([c.name, `${q.title.de}: ${choice.text.de}`, `${q.title.en}: ${choice.text.en}`, 'binary', null, null, null, `1 = chosen in ${q.name}`, qid, version]);
      continue;
    }
    const type = q.inputType === 'number' ? 'number' : q.type;
    if (!q.choices || q.choices.length === 0) rows.push([c.name, q.title.de, q.title.en, type, null, null, null, null, qid, version]);
    for (const choice of q.choices ?? []) rows.push([c.name, q.title.de, q.title.en, type, String(choice.value), choice.text.de, choice.text.en, null, qid, version]);
  }
  for (const ind of INDICATORS) {
    rows.push([ind.id, ind.label.de, ind.label.en, 'indicator', null, null, null, `denominator: ${ruleToR(ind.denominator)}; rule: ${ruleToR(ind.rule)}`, qid, version]);
  }
  return { text: resultsToCsv(header, rows, 'standard'), rows: rows.length };
}

const rString = (s: string) => JSON.stringify(s);
const rNum = (x: number) => (Number.isInteger(x) ? String(x) : x.toPrecision(17));

/**
 * An R script (UTF-8) that reads microdata.csv, derives the indicators from the answers with the published
 * rules, rebuilds the design on the nonresponse-adjusted weights, rakes to the same margins with
 * survey::calibrate and writes reproduced.csv; when results.csv lies next to it, it compares both and stops
 * with an error on any difference above 1e-8.
 */
export function reproduceR(run: AnalysisRun): string {
  const r = run.result;
  const margins = r.weighting.calibration.margins;
  const variables = r.weighting.calibration.variables;
  const levels = (v: string) => margins.filter((m) => m.variable === v).map((m) => m.category).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const population: string[] = [`\`(Intercept)\` = ${rNum(margins.filter((m) => m.variable === variables[0]).reduce((s, m) => s + m.total, 0))}`];
  for (const v of variables) {
    for (const c of levels(v).slice(1)) population.push(`${rString(v + c)} = ${rNum(margins.find((m) => m.variable === v && m.category === c)!.total)}`);
  }
  const indicatorLines = INDICATORS.map((ind) => `md$${ind.id} <- with(md, indicator(${ruleToR(ind.denominator)}, ${ruleToR(ind.rule)}))`);
  return `# Reproduces the published district indicators of draw ${r.drawId} (wave ${r.wave}, data version ${r.dataVersion})
# with R's survey package (Lumley 2010). Usage:  Rscript reproduce.R [folder with microdata.csv]
# Steps: (1) indicators from the answers with the published rules (NA = not in the denominator or answer missing);
# (2) stratified design on the nonresponse-adjusted weights nr_weight (cells ${r.weighting.nonresponse.cellVariables.join(' x ')},
#     see the analysis overview) with fpc = N_h; (3) raking to the frame margins ${variables.join(' + ')}.
# This reproduces the final weights, the point estimates and the calibration-aware SEs. The SEs treat the
# nonresponse adjustment as fixed (its own variance is not included), exactly as the platform does.
# Shortcut without calibration: svydesign(ids = ~1, strata = ~district, weights = ~final_weight, fpc = ~N_h)
# gives the same point estimates, but SEs without the calibration adjustment.
suppressMessages(library(survey))
options(survey.lonely.psu = "adjust")
args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args) > 0) args[1] else "."
md <- read.csv(file.path(dir, "microdata.csv"), fileEncoding = "UTF-8", stringsAsFactors = FALSE)

in_codes <- function(x, codes) ifelse(is.na(x), NA, x %in% codes)
# A rule or denominator that is a constant (TRUE for "all households") is recycled to one value per row.
indicator <- function(denominator, rule) {
  ifelse(rep_len(denominator, nrow(md)) %in% TRUE, as.numeric(rep_len(rule, nrow(md))), NA_real_)
}
${indicatorLines.join('\n')}
indicators <- c(${INDICATORS.map((i) => rString(i.id)).join(', ')})

${variables.map((v) => `md$${v} <- factor(md$${v}, levels = c(${levels(v).map(rString).join(', ')}))`).join('\n')}
population <- c(${population.join(',\n                ')})
design <- svydesign(ids = ~1, strata = ~district, weights = ~nr_weight, fpc = ~N_h, data = md)
raked <- calibrate(design, ~${variables.join(' + ')}, population = population, calfun = "raking", epsilon = 1e-13, maxit = 100)
stopifnot(max(abs(weights(raked) - md$final_weight) / md$final_weight) < 1e-8)

rows <- list()
for (v in indicators) {
  f <- as.formula(paste0("~", v))
  all <- svymean(f, raked, na.rm = TRUE)
  rows[[length(rows) + 1]] <- data.frame(indicator = v, district = "", n = sum(!is.na(md[[v]])), estimate = unname(coef(all)), se = unname(SE(all)))
  if (sum(!is.na(md[[v]])) == 0) next
  by <- svyby(f, ~district, raked, svymean, na.rm = TRUE)
  for (i in seq_len(nrow(by))) {
    d <- as.character(by$district[i])
    rows[[length(rows) + 1]] <- data.frame(indicator = v, district = d, n = sum(!is.na(md[[v]]) & md$district == d), estimate = unname(coef(by))[i], se = unname(SE(by))[i])
  }
}
out <- do.call(rbind, rows)
write.csv(out, file.path(dir, "reproduced.csv"), row.names = FALSE, fileEncoding = "UTF-8")
cat("reproduced", nrow(out), "estimates\\n")

published_file <- file.path(dir, "results.csv")
if (file.exists(published_file)) {
  pub <- read.csv(published_file, fileEncoding = "UTF-8", stringsAsFactors = FALSE)
  pub <- pub[pub$suppressed == 0 & !is.na(pub$estimate), ]
  pub$district[!(pub$district %in% levels(md$district))] <- ""
  m <- merge(pub, out, by = c("indicator", "district"), suffixes = c(".published", ".r"))
  stopifnot(nrow(m) == nrow(pub))
  d_est <- max(abs(m$estimate.published - m$estimate.r))
  d_se <- max(abs(m$se.published - m$se.r))
  cat(sprintf("compared %d published cells: max |diff| estimate %.3g, SE %.3g\\n", nrow(m), d_est, d_se))
  if (d_est > 1e-8 || d_se > 1e-8) stop("the reproduced estimates differ from the published ones")
}
`;
}
