import { i18n } from '../../i18n';

/** Texts of the fieldwork tools (monitor, reminders, paper entry, reconciliation), registered on the shared catalogue. */
const de = {
  fieldworkTools: {
    monitorTitle: 'Rücklauf je Bezirk und Welle',
    tableCaption: 'Rücklauf und Antwortquoten (AAPOR RR1, RR2)',
    district: 'Bezirk', wave: 'Welle', invited: 'Angeschrieben', started: 'Begonnen', online: 'Online fertig', paper: 'Papier fertig', partial: 'Teilweise', rr1: 'RR1', rr2: 'RR2', total: 'Alle Bezirke',
    rateNote: 'RR1 = vollständige Antworten / (angeschriebene Haushalte − nicht zur Zielgruppe); RR2 zählt teilweise Antworten (mindestens die Hälfte der Seiten) mit (AAPOR). Verweigerungen zählen als geeignete Haushalte ohne Antwort, unzustellbare Briefe und Haushalte ohne Rückmeldung als unbekannte Eignung: alle bleiben im Nenner. Ein eingegangener Fragebogen zählt immer als Antwort. Antworten über den offenen Link zählen nicht.',
    chartTitle: 'Rücklauf über die Zeit', chartDesc: 'Kumulierte vollständige Antworten: {{total}} an {{days}} Tagen.', chartTable: 'Rücklauf je Tag',
    date: 'Datum', cumulative: 'Kumuliert', noReturns: 'Noch keine vollständigen Antworten.',
    reminders: 'Erinnerungsliste herunterladen (CSV)', loadFailed: 'Der Rücklauf konnte nicht geladen werden.',
    paperTitle: 'Papierfragebogen erfassen', code: 'Zugangscode auf dem Fragebogen', lookup: 'Haushalt suchen',
    household: 'Haushalt {{id}}, Bezirk {{district}}', yourEntry: 'Ihre Erfassung: {{n}}', noEntry: 'Beide Erfassungen sind schon gemacht.',
    keysHelp: 'Tastatur: Die Zahlentasten 1 bis {{max}} wählen die 1. bis {{max}}. Antwort der Frage, bei Mehrfachauswahl an und wieder aus. Enter oder Tab springt zur nächsten Frage, Umschalt+Tab zurück. Nach der letzten Frage führt Enter zu „Erfassung speichern“. Fragen mit mehr als {{max}} Antworten: den Code vom Bogen eintippen.',
    saveEntry: 'Erfassung speichern', saved: 'Gespeichert. Stand: {{status}}.',
    status: { 'awaiting-second-entry': 'wartet auf die zweite Erfassung', 'awaiting-reconciliation': 'wartet auf den Abgleich', reconciled: 'abgeglichen' },
    reconcile: {
      title: 'Abgleich der Doppelerfassung', loadFailed: 'Die Abgleich-Liste konnte nicht geladen werden.',
      queueEmpty: 'Keine Fragebögen warten auf den Abgleich.', queueCaption: 'Fragebögen mit zwei abweichenden Erfassungen ({{count}})',
      householdCol: 'Haushalt', updated: 'Zuletzt geändert', action: 'Aktion', open: 'Abgleichen: Haushalt {{id}}',
      formTitle: 'Abgleich Haushalt {{id}}', caption: 'Abweichende Fragen ({{count}}): Erfassung 1, Erfassung 2 und gewählter Wert',
      question: 'Frage', entry1: 'Erfassung 1', entry2: 'Erfassung 2', chosen: 'Gewählter Wert', empty: '(leer)',
      legend: 'Wert für {{question}}', takeEntry1: 'Erfassung 1 übernehmen ({{value}})', takeEntry2: 'Erfassung 2 übernehmen ({{value}})',
      correct: 'Anderen Wert eintragen', correctValue: 'Korrigierter Wert für {{question}} (leer lassen = keine Antwort)',
      save: 'Abgleich speichern', cancel: 'Zurück zur Liste', chooseAll: 'Bitte für jede abweichende Frage einen Wert wählen: {{questions}}.',
      done: 'Haushalt {{id}} ist abgeglichen.',
      conflict: 'Haushalt {{id}} wurde inzwischen von einer anderen Person abgeglichen oder geändert. Ihre Auswahl wurde nicht gespeichert; die Liste ist aktualisiert.',
    },
  },
};
const en = {
  fieldworkTools: {
    monitorTitle: 'Returns by district and wave',
    tableCaption: 'Returns and response rates (AAPOR RR1, RR2)',
    district: 'District', wave: 'Wave', invited: 'Invited', started: 'Started', online: 'Complete online', paper: 'Complete on paper', partial: 'Partial', rr1: 'RR1', rr2: 'RR2', total: 'All districts',
    rateNote: 'RR1 = complete responses / (invited households − not eligible); RR2 also counts partial responses (at least half of the pages) (AAPOR). Refusals count as eligible households without an answer, undeliverable letters and silent households as unknown eligibility: all stay in the denominator. A returned questionnaire always counts as an answer. Open-link answers do not count.',
    chartTitle: 'Returns over time', chartDesc: 'Cumulative complete responses: {{total}} over {{days}} days.', chartTable: 'Returns per day',
    date: 'Date', cumulative: 'Cumulative', noReturns: 'No complete responses yet.',
    reminders: 'Download reminder list (CSV)', loadFailed: 'The returns could not be loaded.',
    paperTitle: 'Enter a paper questionnaire', code: 'Access code on the questionnaire', lookup: 'Find household',
    household: 'Household {{id}}, district {{district}}', yourEntry: 'Your entry: {{n}}', noEntry: 'Both entries have already been made.',
    keysHelp: 'Keyboard: number keys 1 to {{max}} choose the 1st to {{max}}th answer of the question; for multiple choice they switch it on and off. Enter or Tab moves to the next question, Shift+Tab back. After the last question, Enter moves to “Save entry”. Questions with more than {{max}} answers: type the code printed on the form.',
    saveEntry: 'Save entry', saved: 'Saved. State: {{status}}.',
    status: { 'awaiting-second-entry': 'waiting for the second entry', 'awaiting-reconciliation': 'waiting for reconciliation', reconciled: 'reconciled' },
    reconcile: {
      title: 'Reconciling double entry', loadFailed: 'The reconciliation list could not be loaded.',
      queueEmpty: 'No forms are waiting for reconciliation.', queueCaption: 'Forms with two differing entries ({{count}})',
      householdCol: 'Household', updated: 'Last changed', action: 'Action', open: 'Reconcile: household {{id}}',
      formTitle: 'Reconciling household {{id}}', caption: 'Differing questions ({{count}}): entry 1, entry 2 and chosen value',
      question: 'Question', entry1: 'Entry 1', entry2: 'Entry 2', chosen: 'Chosen value', empty: '(empty)',
      legend: 'Value for {{question}}', takeEntry1: 'Take entry 1 ({{value}})', takeEntry2: 'Take entry 2 ({{value}})',
      correct: 'Enter another value', correctValue: 'Corrected value for {{question}} (leave empty = no answer)',
      save: 'Save reconciliation', cancel: 'Back to the list', chooseAll: 'Please choose a value for every differing question: {{questions}}.',
      done: 'Household {{id}} is reconciled.',
      conflict: 'Household {{id}} has meanwhile been reconciled or changed by someone else. Your choices were not saved; the list has been refreshed.',
    },
  },
};

i18n.addResourceBundle('de', 'translation', de, true, false);
i18n.addResourceBundle('en', 'translation', en, true, false);
