/** Texts of the public results page (/ergebnisse), added to the i18n catalogue under `publicResults.*`. */
import { i18n } from '../../i18n';

const de = {
  publicResults: {
    title: 'Ergebnisse der Familienbefragung',
    intro: 'Die Stadt befragt Familien repräsentativ zu ihrer Lebenssituation. Hier stehen die veröffentlichten Ergebnisse je statistischem Bezirk: Anteile mit 95-%-Konfidenzintervall. Werte aus weniger als 10 Antworten werden zum Schutz der Befragten nicht gezeigt.',
    loading: 'Die Ergebnisse werden geladen …',
    none: 'Zurzeit sind keine Ergebnisse veröffentlicht.',
    failed: 'Die Ergebnisse konnten nicht geladen werden.',
    wave: 'Befragungswelle',
    waveOption: 'Welle {{wave}}',
    published: 'Welle {{wave}}, veröffentlicht am {{at}}, {{respondents}} Antworten.',
    indicator: 'Kennzahl',
    mapTitle: 'Karte der Bezirke: {{indicator}}',
    tableCaption: '{{indicator}} je Bezirk (Welle {{wave}})',
    district: 'Bezirk',
    share: 'Anteil',
    ci: '95-%-KI',
    note: 'Hinweis',
    city: 'Stadt gesamt',
    caution: 'mit Vorsicht interpretieren',
    suppressed: 'unterdrückt',
    downloads: 'Downloads für das Geoportal und Tabellenprogramme',
    csv: 'Alle Kennzahlen je Bezirk (CSV)',
    geojson: 'Alle Kennzahlen mit Bezirksgrenzen (GeoJSON, WGS 84)',
    noMap: 'Für diese Veröffentlichung gibt es keine Gebietsgrenzen; die Tabelle enthält alle Werte.',
    footnotes: '„mit Vorsicht interpretieren“: weniger als 30 Antworten oder Variationskoeffizient über 30 %. „unterdrückt“: weniger als 10 Antworten.',
  },
};

const en: typeof de = {
  publicResults: {
    title: 'Results of the family survey',
    intro: 'The city surveys families representatively about their living situation. These are the published results per statistical district: shares with their 95% confidence interval. Values from fewer than 10 answers are not shown, to protect the respondents.',
    loading: 'Loading the results …',
    none: 'No results are published at the moment.',
    failed: 'The results could not be loaded.',
    wave: 'Survey wave',
    waveOption: 'Wave {{wave}}',
    published: 'Wave {{wave}}, published on {{at}}, {{respondents}} answers.',
    indicator: 'Indicator',
    mapTitle: 'Map of the districts: {{indicator}}',
    tableCaption: '{{indicator}} by district (wave {{wave}})',
    district: 'District',
    share: 'Share',
    ci: '95% CI',
    note: 'Note',
    city: 'Whole city',
    caution: 'interpret with caution',
    suppressed: 'suppressed',
    downloads: 'Downloads for the geoportal and spreadsheets',
    csv: 'All indicators by district (CSV)',
    geojson: 'All indicators with district boundaries (GeoJSON, WGS 84)',
    noMap: 'This publication has no area boundaries; the table holds all values.',
    footnotes: '"interpret with caution": fewer than 30 answers or a coefficient of variation above 30%. "suppressed": fewer than 10 answers.',
  },
};

i18n.addResourceBundle('de', 'translation', de, true, true);
i18n.addResourceBundle('en', 'translation', en, true, true);
