/**
 * Groups the units of a design into domains by one variable, once, so estimators can treat every domain in
 * a single pass instead of re-scanning the data per domain. Labels are ordered numerically when all are
 * numbers, otherwise by code point. Units with a missing domain value belong to no domain (code −1),
 * as R's `svyby` drops NA groups. Cost: O(n + D log D).
 * @throws AnalysisError when the design has no such column.
 * @example domainIndex(design, 'district') // → { variable: 'district', labels: ['Debschwitz', …], domainOf: Int32Array }
 */
import { codedColumn } from './surveyData';
import type { SurveyDesign } from './svyDesign';

export interface DomainIndex {
  variable: string;
  labels: string[];
  domainOf: Int32Array;
}

export function domainIndex(design: SurveyDesign, variable: string): DomainIndex {
  const { labels, codeOf } = codedColumn(design.data, variable);
  return { variable, labels, domainOf: codeOf };
}
