/** Texts of the choropleth map (components/ChoroplethMap.tsx), added to the i18n catalogue under `choropleth.*`. */
import { i18n } from '../i18n';

const de = {
  choropleth: {
    schematic: 'Schematische Gebietsgrenzen (Demo): keine echten Grenzen.',
    keyboard: 'Gebiete mit Tab oder den Pfeiltasten wählen, mit Enter Details zeigen.',
    area: '{{area}}: {{value}}',
    areaCi: '{{area}}: {{value}}, 95-%-KI {{low}} bis {{high}}',
    unreliable: 'mit Vorsicht interpretieren',
    suppressedValue: 'Wert unterdrückt',
    missingValue: 'kein Wert',
    legend: 'Legende',
    classRange: '{{from}} bis {{to}}',
    legendUnreliable: 'schraffiert: mit Vorsicht interpretieren (weniger als 30 Antworten oder VK über 30 %)',
    legendSuppressed: 'grau gepunktet: unterdrückt (weniger als 10 Antworten)',
    legendMissing: 'weiß: kein Wert',
    details: 'Details',
    detailsHint: 'Ein Gebiet wählen und Enter drücken, um hier seine Werte zu sehen.',
    table: 'Werte der Karte als Tabelle',
    tableArea: 'Gebiet',
    tableValue: 'Wert',
    tableCi: '95-%-KI',
    tableNote: 'Hinweis',
    close: 'Schließen',
  },
};

const en: typeof de = {
  choropleth: {
    schematic: 'Schematic area boundaries (demo): not the real boundaries.',
    keyboard: 'Choose areas with Tab or the arrow keys, press Enter for details.',
    area: '{{area}}: {{value}}',
    areaCi: '{{area}}: {{value}}, 95% CI {{low}} to {{high}}',
    unreliable: 'interpret with caution',
    suppressedValue: 'value suppressed',
    missingValue: 'no value',
    legend: 'Legend',
    classRange: '{{from}} to {{to}}',
    legendUnreliable: 'hatched: interpret with caution (fewer than 30 answers or CV above 30%)',
    legendSuppressed: 'grey with dots: suppressed (fewer than 10 answers)',
    legendMissing: 'white: no value',
    details: 'Details',
    detailsHint: 'Choose an area and press Enter to see its values here.',
    table: 'Values of the map as a table',
    tableArea: 'Area',
    tableValue: 'Value',
    tableCi: '95% CI',
    tableNote: 'Note',
    close: 'Close',
  },
};

i18n.addResourceBundle('de', 'translation', de, true, true);
i18n.addResourceBundle('en', 'translation', en, true, true);
