/**
 * District needs indicators of the family life-quality questionnaire, declared as data: each one is a share
 * (weighted mean of a 0/1 variable) of the households in its denominator for which the rule holds.
 * Question names and answer codes are those of `family-life-quality` v1 (api/questionnaire); a test checks
 * every reference against the questionnaire catalogue.
 */
import type { Rule } from './rules';

export type IndicatorTheme =
  | 'childcare'
  | 'school'
  | 'leisure'
  | 'safety'
  | 'mobility'
  | 'housing'
  | 'services'
  | 'information'
  | 'work'
  | 'wellbeing'
  | 'context';

export interface IndicatorDefinition {
  /** Stable variable name (also the column name in the microdata export). */
  readonly id: string;
  readonly label: { readonly de: string; readonly en: string };
  /** Who is counted: the households for which this holds (NA or false → not in the denominator). */
  readonly denominatorLabel: { readonly de: string; readonly en: string };
  readonly theme: IndicatorTheme;
  readonly questionnaire: { readonly id: string; readonly version: number };
  /** Questions the indicator reads (rule and denominator). */
  readonly questions: readonly string[];
  readonly rule: Rule;
  readonly denominator: Rule;
  /** 'need': a higher share means more need; 'context': describes the population, no direction. */
  readonly direction: 'need' | 'context';
  readonly unit: 'share';
}

const QUESTIONNAIRE = { id: 'family-life-quality', version: 1 } as const;
/** Every household that answered the survey. */
const ALL: Rule = { all: [] };
const UNSAFE = [3, 4];
const DISSATISFIED = { le: 2 } as const; // 1–2 on the five-point scale
const SCHOOL_AGE_CHILD: Rule = { any: [{ q: 'youngest_child_age', ge: 6 }, { q: 'oldest_child_age', ge: 6 }] };
const allHouseholds = { de: 'alle befragten Haushalte', en: 'all households surveyed' };

const define = (d: Omit<IndicatorDefinition, 'questionnaire' | 'unit' | 'direction'> & { direction?: 'need' | 'context' }): IndicatorDefinition => ({
  questionnaire: QUESTIONNAIRE,
  unit: 'share',
  direction: d.direction ?? 'need',
  ...d,
});

export const INDICATORS: readonly IndicatorDefinition[] = [
  define({
    id: 'childcare_unmet',
    label: { de: 'Kein (ausreichender) Betreuungsplatz für Kind unter 6', en: 'No (sufficient) childcare place for a child under 6' },
    denominatorLabel: { de: 'Haushalte mit jüngstem Kind unter 6 und aktuellem Betreuungsbedarf', en: 'households whose youngest child is under 6 and needs care now' },
    theme: 'childcare',
    questions: ['youngest_child_age', 'childcare_need', 'childcare_place_found'],
    denominator: { all: [{ q: 'youngest_child_age', lt: 6 }, { q: 'childcare_need', eq: 1 }] },
    rule: { q: 'childcare_place_found', in: [2, 3] },
  }),
  define({
    id: 'childcare_hours_mismatch',
    label: { de: 'Betreuungszeiten passen nicht', en: 'Childcare hours do not fit' },
    denominatorLabel: { de: 'Haushalte mit Betreuungsplatz für ein Kind unter 6', en: 'households with a childcare place for a child under 6' },
    theme: 'childcare',
    questions: ['youngest_child_age', 'childcare_place_found', 'childcare_hours_fit'],
    denominator: { all: [{ q: 'youngest_child_age', lt: 6 }, { q: 'childcare_place_found', in: [1, 2] }] },
    rule: { q: 'childcare_hours_fit', in: [2, 3, 4, 5] },
  }),
  define({
    id: 'afterschool_care_unmet',
    label: { de: 'Hortbedarf nicht (voll) gedeckt', en: 'After-school care need not (fully) met' },
    denominatorLabel: { de: 'Haushalte mit Grundschulkind und Hortbedarf', en: 'households with a primary-school child needing after-school care' },
    theme: 'school',
    questions: ['primary_school_child', 'afterschool_care_met'],
    denominator: { all: [{ q: 'primary_school_child', eq: 1 }, { q: 'afterschool_care_met', in: [1, 2, 3] }] },
    rule: { q: 'afterschool_care_met', in: [2, 3] },
  }),
  define({
    id: 'holiday_care_unmet',
    label: { de: 'Ferienbetreuung nicht (voll) gedeckt', en: 'Holiday care need not (fully) met' },
    denominatorLabel: { de: 'Haushalte mit Grundschulkind und Bedarf an Ferienbetreuung', en: 'households with a primary-school child needing holiday care' },
    theme: 'school',
    questions: ['primary_school_child', 'holiday_care_met'],
    denominator: { all: [{ q: 'primary_school_child', eq: 1 }, { q: 'holiday_care_met', in: [1, 2, 3] }] },
    rule: { q: 'holiday_care_met', in: [2, 3] },
  }),
  define({
    id: 'playground_dissatisfied',
    label: { de: 'Unzufrieden mit Spielplätzen', en: 'Dissatisfied with playgrounds' },
    denominatorLabel: { de: 'Haushalte, deren Kinder Spielplätze im Stadtteil nutzen', en: 'households whose children use playgrounds in the district' },
    theme: 'leisure',
    questions: ['playground_use', 'playground_satisfaction'],
    denominator: { q: 'playground_use', in: [1, 2, 3] },
    rule: { q: 'playground_satisfaction', ...DISSATISFIED },
  }),
  define({
    id: 'youth_leisure_dissatisfied',
    label: { de: 'Unzufrieden mit Angeboten für Jugendliche', en: 'Dissatisfied with youth leisure offers' },
    denominatorLabel: { de: 'Haushalte mit einem Kind ab 10 Jahren', en: 'households with a child aged 10 or older' },
    theme: 'leisure',
    questions: ['youngest_child_age', 'oldest_child_age', 'youth_leisure_satisfaction'],
    denominator: { any: [{ q: 'youngest_child_age', ge: 10 }, { q: 'oldest_child_age', ge: 10 }] },
    rule: { q: 'youth_leisure_satisfaction', ...DISSATISFIED },
  }),
  define({
    id: 'unsafe_at_night',
    label: { de: 'Fühlt sich nachts im Stadtteil unsicher', en: 'Feels unsafe in the district at night' },
    denominatorLabel: allHouseholds,
    theme: 'safety',
    questions: ['safety_night'],
    denominator: ALL,
    rule: { q: 'safety_night', in: UNSAFE },
  }),
  define({
    id: 'school_route_unsafe',
    label: { de: 'Schulweg unsicher', en: 'School route unsafe' },
    denominatorLabel: { de: 'Haushalte mit einem Kind ab 6 Jahren', en: 'households with a child aged 6 or older' },
    theme: 'safety',
    questions: ['youngest_child_age', 'oldest_child_age', 'school_route_safety'],
    denominator: SCHOOL_AGE_CHILD,
    rule: { q: 'school_route_safety', in: UNSAFE },
  }),
  define({
    id: 'transit_dissatisfied',
    label: { de: 'Unzufrieden mit Bus und Straßenbahn', en: 'Dissatisfied with bus and tram' },
    denominatorLabel: allHouseholds,
    theme: 'mobility',
    questions: ['transit_satisfaction'],
    denominator: ALL,
    rule: { q: 'transit_satisfaction', ...DISSATISFIED },
  }),
  define({
    id: 'crowded_housing',
    label: { de: 'Nicht genug Platz in der Wohnung', en: 'Not enough space at home' },
    denominatorLabel: allHouseholds,
    theme: 'housing',
    questions: ['enough_space'],
    denominator: ALL,
    rule: { q: 'enough_space', in: [3, 4] },
  }),
  define({
    id: 'housing_cost_burden_high',
    label: { de: 'Hohe Belastung durch Wohnkosten', en: 'High housing cost burden' },
    denominatorLabel: allHouseholds,
    theme: 'housing',
    questions: ['housing_cost_burden'],
    denominator: ALL,
    rule: { q: 'housing_cost_burden', ge: 4 },
  }),
  define({
    id: 'moving_away_intention',
    label: { de: 'Will den Stadtteil oder die Stadt verlassen', en: 'Intends to leave the district or city' },
    denominatorLabel: allHouseholds,
    theme: 'housing',
    questions: ['moving_intention'],
    denominator: ALL,
    rule: { q: 'moving_intention', in: [3, 4] },
  }),
  define({
    id: 'counselling_unmet',
    label: { de: 'Beratungsbedarf nicht genutzt (mind. ein Angebot)', en: 'Counselling needed but not used (at least one service)' },
    denominatorLabel: allHouseholds,
    theme: 'services',
    questions: ['service_family_counselling', 'service_early_help', 'service_debt_counselling', 'service_youth_office'],
    denominator: ALL,
    rule: {
      any: [
        { q: 'service_family_counselling', eq: 4 },
        { q: 'service_early_help', eq: 4 },
        { q: 'service_debt_counselling', eq: 4 },
        { q: 'service_youth_office', eq: 4 },
      ],
    },
  }),
  define({
    id: 'paediatrician_access_hard',
    label: { de: 'Kinderarzttermin nur schwer oder nicht zu bekommen', en: 'Paediatrician appointment hard or impossible to get' },
    denominatorLabel: { de: 'Haushalte mit Kindern', en: 'households with children' },
    theme: 'services',
    questions: ['children_count', 'paediatrician_access'],
    denominator: { q: 'children_count', ge: 1 },
    rule: { q: 'paediatrician_access', in: [2, 3] },
  }),
  define({
    id: 'family_portal_unknown',
    label: { de: 'Familienportal unbekannt', en: 'Family portal unknown' },
    denominatorLabel: allHouseholds,
    theme: 'information',
    questions: ['family_portal_use'],
    denominator: ALL,
    rule: { q: 'family_portal_use', eq: 1 },
  }),
  define({
    id: 'district_office_unknown',
    label: { de: 'Stadtteilbüro unbekannt', en: 'District office unknown' },
    denominatorLabel: allHouseholds,
    theme: 'information',
    questions: ['district_office_use'],
    denominator: ALL,
    rule: { q: 'district_office_use', eq: 1 },
  }),
  define({
    id: 'work_family_hard',
    label: { de: 'Arbeit und Familie schwer vereinbar', en: 'Work and family hard to combine' },
    denominatorLabel: { de: 'Haushalte mit erwerbstätiger befragter Person oder Partner/in', en: 'households where the respondent or partner is in paid work' },
    theme: 'work',
    questions: ['employment_respondent', 'employment_partner', 'work_family_ease'],
    denominator: { any: [{ q: 'employment_respondent', in: [1, 2, 3] }, { q: 'employment_partner', in: [1, 2, 3] }] },
    rule: { q: 'work_family_ease', le: 2 },
  }),
  define({
    id: 'low_life_quality',
    label: { de: 'Geringe Lebenszufriedenheit (0–4 von 10)', en: 'Low life satisfaction (0–4 of 10)' },
    denominatorLabel: allHouseholds,
    theme: 'wellbeing',
    questions: ['life_quality'],
    denominator: ALL,
    rule: { q: 'life_quality', le: 4 },
  }),
  define({
    id: 'financial_strain',
    label: { de: 'Kommt mit dem Geld schlecht aus', en: 'Struggles to make ends meet' },
    denominatorLabel: allHouseholds,
    theme: 'wellbeing',
    questions: ['financial_situation'],
    denominator: ALL,
    rule: { q: 'financial_situation', in: [4, 5] },
  }),
  define({
    id: 'single_parent_share',
    label: { de: 'Anteil Alleinerziehender (Kontext)', en: 'Single-parent share (context)' },
    denominatorLabel: allHouseholds,
    theme: 'context',
    questions: ['single_parent'],
    denominator: ALL,
    rule: { q: 'single_parent', eq: 1 },
    direction: 'context',
  }),
];
