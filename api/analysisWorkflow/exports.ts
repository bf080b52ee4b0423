/**
 * Downloads of an analysis run: the published results table (two CSV dialects), the respondent microdata
 * with final weights, its codebook and an R script that rebuilds the calibrated design with R's survey
 * package and reproduces every published district estimate and SE from the microdata.
 */
import { resultsToCsv, type CsvCell, type CsvDialect } from '../../analysis';
import { ruleToR } from '../../analysis/indicators';
import { loadQuestionnaire, questionCatalogue, type CatalogueQuestion } from '../questionnaire';
import type { AnalysisRun, IndicatorCell } from './computeAnalysis';

export type Lang = 'de' | 'en';

const RESULT_COLUMNS = [
  'indicator', 'label', 'district', 'n', 'estimate', 'se', 'ci_low', 'ci_high', 'cv', 'flag', 'suppressed', 'diff_vs_rest', 'se_diff_vs_rest', 'p_vs_rest',
  'change_since_previous_wave', 'se_change', 'p_change', 'change_ci_low', 'change_ci_high',
  // 1 when the questionnaire changed between the two waves in a question the indicator reads (see trend_break_questions).
  'trend_break', 'trend_break_questions',
  // Small-area model (Fay–Herriot): the level of the row, a sub-district's district, the model value and its precision.
  'level', 'parent_district', 'model_estimate', 'model_se', 'model_ci_low', 'model_ci_high', 'model_cv', 'model_flag', 'model_kind', 'model_weight_on_survey',
];

/**
 * One row per indicator × (city, district, sub-district); suppressed direct cells are empty with suppressed = 1.
 * The model columns hold the model-based value (synthetic where model_kind = synthetic) of districts and sub-districts.
 */
export function resultsCsv(run: AnalysisRun, dialect: CsvDialect, lang: Lang): { text: string; rows: number } {
  const city = lang === 'de' ? 'Stadt gesamt' : 'Whole city';
  const rows: CsvCell[][] = [];
  for (const ind of run.result.indicators) {
    const cells: [IndicatorCell, string, string | null][] = [
      [ind.overall, 'city', null],
      ...ind.districts.map((c): [IndicatorCell, string, string | null] => [c, 'district', null]),
      ...ind.subdistricts.map((c): [IndicatorCell, string, string | null] => [c, 'subdistrict', c.parent]),
    ];
    for (const [cell, level, parent] of cells) {
      const model = cell.model ?? null;
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
        cell.change?.ciLow,
        cell.change?.ciHigh,
        cell.change ? (cell.change.trendBreak ? 1 : 0) : null,
        cell.change?.trendBreak ? (ind.trendBreak?.questions.map((q) => q.name).join(' ') ?? null) : null,
        level,
        parent,
        model?.estimate,
        model?.se,
        model?.ciLow,
        model?.ciHigh,
        model?.cv,
        model?.flag,
        model?.kind,
        model?.gamma,
      ]);
    }
  }
  return { text: resultsToCsv(RESULT_COLUMNS, rows, dialect), rows: rows.length };
}

/**
 * What entered each small-area model, one row per indicator × level × area: the direct estimate and n, whether
 * it was modelled, the effective n behind ψ* = 1/(4ñ), the benchmark target and the covariate values (one column
 * per covariate of the run; `covariates_used` lists the model's, separated by ';'). reproduce.R refits every
 * model from this file in base R.
 */
export function smallAreaInputsCsv(run: AnalysisRun): { text: string; rows: number } {
  const covariates = [...new Set(run.modelInputs.flatMap((r) => Object.keys(r.covariates)))].sort();
  const header = ['indicator', 'level', 'area', 'district', 'households', 'n', 'direct', 'direct_se', 'modelled', 'effective_n', 'benchmark_target', 'covariates_used', ...covariates];
  const rows: CsvCell[][] = run.modelInputs.map((r) => [
    r.indicator,
    r.level,
    r.area,
    r.district,
    r.households,
    r.n,
    r.direct,
    r.directSe,
    r.modelled ? 1 : 0,
    r.effectiveN,
    r.benchmarkTarget,
    r.used.join(';'),
    ...covariates.map((c) => r.covariates[c] ?? null),
  ]);
  return { text: resultsToCsv(header, rows, 'standard'), rows: rows.length };
}

/** The model cards of every indicator and level (covariates, β̂, σ̂ᵤ², fit, benchmarking, warnings) as JSON. */
export function modelCardsJson(run: AnalysisRun): { text: string; rows: number } {
  const r = run.result;
  const cards = r.indicators.flatMap((ind) =>
    (['district', 'subdistrict'] as const)
      .filter((level) => ind.models[level] !== null || ind.modelFailures[level] !== undefined)
      .map((level) => ({ indicator: ind.id, label: ind.label, level, model: ind.models[level], failure: ind.modelFailures[level] ?? null })),
  );
  const body = {
    drawId: r.drawId,
    wave: r.wave,
    dataVersion: r.dataVersion,
    method: 'Fay–Herriot area-level model, REML, arcsine transformation with bias-corrected back-transformation, parametric-bootstrap MSE',
    covariates: r.smallArea.covariates,
    medianCv: r.smallArea.medianCv,
    models: cards,
  };
  return { text: `${JSON.stringify(body, null, 2)}\n`, rows: cards.length };
}

/** Questions exported as microdata: coded and numeric ones; free text never (it may name people). */
function exportedQuestions(version: number, run?: AnalysisRun): CatalogueQuestion[] {
  // A version stored in the app (e.g. a wave answered with v2) comes with the run; the shipped ones from the registry.
  return questionCatalogue(run?.questionnaires?.[version] ?? loadQuestionnaire(version)).filter((q) => q.type !== 'comment' && (q.type !== 'text' || q.inputType === 'number'));
}

function answerColumns(questions: readonly CatalogueQuestion[]): { name: string; question: CatalogueQuestion; code?: unknown }[] {
  return questions.flatMap((q) => (q.multiple ? (q.choices ?? []).map((c) => ({ name: `${q.name}_${String(c.value)}`, question: q, code: c.value })) : [{ name: q.name, question: q }]));
}

const DESIGN_COLUMNS = ['respondent', 'district', 'household_type', 'N_h', 'design_weight', 'nr_weight', 'final_weight'];

/** The design columns of a run: with `subdistrict` after `district` when the frame has sub-districts. */
function designColumns(run: AnalysisRun): string[] {
  return run.microdata.length > 0 && 'subdistrict' in run.microdata[0] ? ['respondent', 'district', 'subdistrict', ...DESIGN_COLUMNS.slice(2)] : DESIGN_COLUMNS;
}

function questionnaireVersion(run: AnalysisRun): number {
  return run.result.questionnaire.versions.at(-1) ?? 1;
}

/** Respondent microdata: design variables, weights and coded answers; no household id, name, address or code. */
export function microdataCsv(run: AnalysisRun): { text: string; rows: number; columns: string[] } {
  const columns = answerColumns(exportedQuestions(questionnaireVersion(run), run));
  const design = designColumns(run);
  const header = [...design, ...columns.map((c) => c.name)];
  const rows = run.microdata.map((row, i) => {
    const answers = run.answers[i];
    const cells: CsvCell[] = design.map((c) => row[c] as CsvCell);
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
    ...(designColumns(run).includes('subdistrict') ? [['subdistrict', 'Statistischer Teilbezirk laut Auswahlgrundlage', 'Statistical sub-district from the frame', 'text'] as [string, string, string, string]] : []),
    ['household_type', 'Haushaltstyp laut Auswahlgrundlage', 'Household type from the frame', 'text'],
    ['N_h', 'Haushalte im Bezirk laut Auswahlgrundlage', 'Households in the district (frame)', 'integer'],
    ['design_weight', 'Designgewicht 1/π', 'Design weight 1/π', 'number'],
    ['nr_weight', 'Gewicht nach Ausfallanpassung', 'Weight after nonresponse adjustment', 'number'],
    ['final_weight', 'Endgewicht nach Raking', 'Final weight after raking', 'number'],
  ];
  for (const [name, de, en, type] of design) rows.push([name, de, en, type, null, null, null, null, qid, version]);
  for (const c of answerColumns(exportedQuestions(version, run))) {
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
  for (const ind of run.indicators) {
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
  const indicatorLines = run.indicators.map((ind) => `md$${ind.id} <- with(md, indicator(${ruleToR(ind.denominator)}, ${ruleToR(ind.rule)}))`);
  return `# Reproduces the published district indicators of draw ${r.drawId} (wave ${r.wave}, data version ${r.dataVersion})
# with R's survey package (Lumley 2010). Usage:  Rscript reproduce.R [folder with microdata.csv]
# Indicator definitions used (stored versions): ${r.indicators.map((i) => (i.version === undefined ? i.id : `${i.id} v${i.version}`)).join(', ')}
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
indicators <- c(${run.indicators.map((i) => rString(i.id)).join(', ')})

${variables.map((v) => `md$${v} <- factor(md$${v}, levels = c(${levels(v).map(rString).join(', ')}))`).join('\n')}
population <- c(${population.join(',\n                ')})
design <- svydesign(ids = ~1, strata = ~district, weights = ~nr_weight, fpc = ~N_h, data = md)
raked <- calibrate(design, ~${variables.join(' + ')}, population = population, calfun = "raking", epsilon = 1e-13, maxit = 100)
stopifnot(max(abs(weights(raked) - md$final_weight) / md$final_weight) < 1e-8)

rows <- list()
for (v in indicators) {
  f <- as.formula(paste0("~", v))
  all <- svymean(f, raked, na.rm = TRUE)
  rows[[length(rows) + 1]] <- data.frame(indicator = v, level = "city", district = "", n = sum(!is.na(md[[v]])), estimate = unname(coef(all)), se = unname(SE(all)))
  if (sum(!is.na(md[[v]])) == 0) next
  for (level in intersect(c("district", "subdistrict"), names(md))) {
    # na.rm.all: a sub-district without an answer to this indicator has no estimate (n = 0), as on the platform.
    by <- svyby(f, as.formula(paste0("~", level)), raked, svymean, na.rm = TRUE, na.rm.all = TRUE)
    for (i in seq_len(nrow(by))) {
      d <- as.character(by[[level]][i])
      rows[[length(rows) + 1]] <- data.frame(indicator = v, level = level, district = d, n = sum(!is.na(md[[v]]) & md[[level]] == d), estimate = unname(coef(by))[i], se = unname(SE(by))[i])
    }
  }
}
out <- do.call(rbind, rows)
write.csv(out, file.path(dir, "reproduced.csv"), row.names = FALSE, fileEncoding = "UTF-8")
cat("reproduced", nrow(out), "estimates\\n")

published_file <- file.path(dir, "results.csv")
if (file.exists(published_file)) {
  pub <- read.csv(published_file, fileEncoding = "UTF-8", stringsAsFactors = FALSE)
  pub <- pub[pub$suppressed == 0 & !is.na(pub$estimate), ]
  pub$district[pub$level == "city"] <- ""
  m <- merge(pub, out, by = c("indicator", "level", "district"), suffixes = c(".published", ".r"))
  stopifnot(nrow(m) == nrow(pub))
  d_est <- max(abs(m$estimate.published - m$estimate.r))
  d_se <- max(abs(m$se.published - m$se.r))
  cat(sprintf("compared %d published cells: max |diff| estimate %.3g, SE %.3g\\n", nrow(m), d_est, d_se))
  if (d_est > 1e-8 || d_se > 1e-8) stop("the reproduced estimates differ from the published ones")
}

# ---- Small-area models (Fay–Herriot, REML on the arcsine scale), refitted from small-area-inputs.csv ----------
# Base R only, from the published formulas (Rao & Molina 2015, ch. 6; sae::eblupFH): Fisher scoring for sigma2u
# from median(psi), y* = asin(sqrt(p)), psi* = 1/(4 effective_n); bias-corrected back-transformation
# E[sin^2(T)] with T ~ N(EBLUP*, gamma psi*) (areas not modelled: N(x'beta, sigma2u)), clamped to [0, pi/2];
# ratio benchmarking to benchmark_target with the households as weights. The MSE comes from a seeded parametric
# bootstrap with the platform's generator, so R reproduces the point estimates and the weights on the survey.
sae_file <- file.path(dir, "small-area-inputs.csv")
if (file.exists(sae_file) && file.exists(published_file)) {
  sa <- read.csv(sae_file, fileEncoding = "UTF-8", stringsAsFactors = FALSE, check.names = FALSE)
  fh_reml <- function(y, psi, X, tol = 1e-10, maxit = 100) {
    s2 <- median(psi); k <- 0
    repeat {
      Vi <- 1 / (s2 + psi); XtVi <- t(Vi * X); Q <- solve(XtVi %*% X)
      P <- diag(Vi, length(Vi)) - t(XtVi) %*% Q %*% XtVi; Py <- P %*% y
      s <- -0.5 * sum(diag(P)) + 0.5 * sum(Py^2); F <- 0.5 * sum(diag(P %*% P))
      s2new <- s2 + s / F; k <- k + 1
      done <- abs((s2new - s2) / s2) <= tol || k >= maxit; s2 <- s2new
      if (done) break
    }
    s2 <- max(s2, 0); Vi <- 1 / (s2 + psi); Q <- solve(t(Vi * X) %*% X)
    beta <- drop(Q %*% t(Vi * X) %*% y); xb <- drop(X %*% beta); g <- s2 / (s2 + psi)
    list(s2 = s2, beta = beta, eblup = xb + g * (y - xb), gamma = g, g1 = g * psi)
  }
  back <- function(mu, v) {
    if (v <= 0) return(sin(min(max(mu, 0), pi / 2))^2)
    s <- sqrt(v)
    lo <- max(0, mu - 12 * s); hi <- min(pi / 2, mu + 12 * s)
    inner <- if (hi > lo) integrate(function(t) sin(t)^2 * dnorm(t, mu, s), lo, hi, rel.tol = 1e-12, abs.tol = 0)$value else 0
    inner + pnorm(pi / 2, mu, s, lower.tail = FALSE)
  }
  pub <- read.csv(published_file, fileEncoding = "UTF-8", stringsAsFactors = FALSE)
  worst <- 0; compared <- 0
  for (key in unique(paste(sa$indicator, sa$level, sep = "\r"))) {
    parts <- strsplit(key, "\r")[[1]]
    g <- sa[sa$indicator == parts[1] & sa$level == parts[2], ]
    used <- strsplit(g$covariates_used[1], ";")[[1]]
    XA <- cbind(1, as.matrix(g[, used, drop = FALSE]))
    m <- g$modelled == 1
    fit <- fh_reml(asin(sqrt(g$direct[m])), 1 / (4 * g$effective_n[m]), XA[m, , drop = FALSE])
    est <- numeric(nrow(g)); gam <- numeric(nrow(g)); k <- 0
    for (i in seq_len(nrow(g))) {
      if (m[i]) { k <- k + 1; est[i] <- back(fit$eblup[k], fit$g1[k]); gam[i] <- fit$gamma[k] }
      else est[i] <- back(sum(XA[i, ] * fit$beta), fit$s2)
    }
    group <- if (parts[2] == "district") rep("", nrow(g)) else g$district
    for (grp in unique(group)) {
      j <- group == grp & !is.na(g$benchmark_target)
      if (!any(j)) next
      w <- g$households[j] / sum(g$households[j])
      est[j] <- pmin(1, pmax(0, est[j] * g$benchmark_target[j][1] / sum(w * est[j])))
    }
    p <- pub[pub$indicator == parts[1] & pub$level == parts[2], ]
    at <- match(g$area, p$district)
    worst <- max(worst, abs(est - p$model_estimate[at]), abs(gam - p$model_weight_on_survey[at]))
    compared <- compared + nrow(g)
  }
  cat(sprintf("refitted %d small-area models (%d areas): max |diff| model estimate and weight on the survey %.3g\n",
              length(unique(paste(sa$indicator, sa$level))), compared, worst))
  if (worst > 1e-8) stop("the refitted small-area estimates differ from the published ones")
}
`;
}
