import { i18n } from '../../i18n';

/** Texts of the fieldwork tools (monitor, reminders, paper entry), registered on the shared catalogue. */
const de = {
  fieldworkTools: {
    monitorTitle: 'Rücklauf je Bezirk und Welle',
    tableCaption: 'Rücklauf und Antwortquoten (AAPOR RR1, RR2)',
    district: 'Bezirk', wave: 'Welle', invited: 'Angeschrieben', started: 'Begonnen', online: 'Online fertig', paper: 'Papier fertig', partial: 'Teilweise', rr1: 'RR1', rr2: 'RR2', total: 'Alle Bezirke',
    rateNote: 'RR1 = vollständige Antworten / angeschriebene Haushalte; RR2 zählt teilweise Antworten (mindestens die Hälfte der Seiten) mit. Annahme: Haushalte ohne Antwort haben unbekannte Eignung und zählen voll im Nenner; Antworten über den offenen Link zählen nicht.',
    chartTitle: 'Rücklauf über die Zeit', chartDesc: 'Kumulierte vollständige Antworten: {{total}} an {{days}} Tagen.', chartTable: 'Rücklauf je Tag',
    date: 'Datum', cumulative: 'Kumuliert', noReturns: 'Noch keine vollständigen Antworten.',
    reminders: 'Erinnerungsliste herunterladen (CSV)', loadFailed: 'Der Rücklauf konnte nicht geladen werden.',
    paperTitle: 'Papierfragebogen erfassen', code: 'Zugangscode auf dem Fragebogen', lookup: 'Haushalt suchen',
    household: 'Haushalt {{id}}, Bezirk {{district}}', yourEntry: 'Ihre Erfassung: {{n}}', noEntry: 'Beide Erfassungen sind schon gemacht.',
    saveEntry: 'Erfassung speichern', saved: 'Gespeichert. Stand: {{status}}.',
    status: { 'awaiting-second-entry': 'wartet auf die zweite Erfassung', 'awaiting-reconciliation': 'wartet auf den Abgleich', reconciled: 'abgeglichen' },
  },
};
const en = {
  fieldworkTools: {
    monitorTitle: 'Returns by district and wave',
    tableCaption: 'Returns and response rates (AAPOR RR1, RR2)',
    district: 'District', wave: 'Wave', invited: 'Invited', started: 'Started', online: 'Complete online', paper: 'Complete on paper', partial: 'Partial', rr1: 'RR1', rr2: 'RR2', total: 'All districts',
    rateNote: 'RR1 = complete responses / invited households; RR2 also counts partial responses (at least half of the pages). Assumption: households without an answer have unknown eligibility and count fully in the denominator; open-link answers do not count.',
    chartTitle: 'Returns over time', chartDesc: 'Cumulative complete responses: {{total}} over {{days}} days.', chartTable: 'Returns per day',
    date: 'Date', cumulative: 'Cumulative', noReturns: 'No complete responses yet.',
    reminders: 'Download reminder list (CSV)', loadFailed: 'The returns could not be loaded.',
    paperTitle: 'Enter a paper questionnaire', code: 'Access code on the questionnaire', lookup: 'Find household',
    household: 'Household {{id}}, district {{district}}', yourEntry: 'Your entry: {{n}}', noEntry: 'Both entries have already been made.',
    saveEntry: 'Save entry', saved: 'Saved. State: {{status}}.',
    status: { 'awaiting-second-entry': 'waiting for the second entry', 'awaiting-reconciliation': 'waiting for reconciliation', reconciled: 'reconciled' },
  },
};

i18n.addResourceBundle('de', 'translation', de, true, false);
i18n.addResourceBundle('en', 'translation', en, true, false);
