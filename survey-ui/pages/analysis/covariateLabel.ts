import type { AreaLevel, SmallArea } from './types';

/** The name a planner reads for a covariate: its label in the page's language when the API sends one, else its name. */
export function covariateLabel(smallArea: SmallArea, level: AreaLevel, name: string, language: string): string {
  const label = smallArea.covariates.find((c) => c.level === level && c.name === name)?.label;
  if (!label) return name;
  return language === 'en' ? label.en : label.de;
}
