import { i18n } from '../i18n';

/**
 * Texts of the resident survey flow, in simple German (short sentences, everyday words) and English.
 * Registered on top of the shared catalogue's `resident` section.
 */
const de = {
  resident: {
    privacyTitle: 'Datenschutz',
    privacyPurpose: 'Wozu? Die Stadt {{city}} plant mit den Antworten Angebote für Familien, zum Beispiel Kita-Plätze, Spielplätze und Beratung.',
    privacyController: 'Wer ist verantwortlich? Die Stadtverwaltung {{city}}, Fachdienst Sozialplanung.',
    privacyVoluntary: 'Die Teilnahme ist freiwillig. Wenn Sie nicht mitmachen, hat das keine Nachteile für Sie.',
    privacyStorage: 'Wir speichern Ihre Antworten ohne Namen und ohne Adresse. Der Zugangscode wird nur verschlüsselt gespeichert. Die Adressliste für die Briefe wird nach der Befragung gelöscht, spätestens 6 Monate nach dem Ende.',
    privacyRights: 'Ihre Rechte: Sie können Auskunft, Berichtigung und Löschung verlangen, solange Ihre Antworten noch Ihrem Code zugeordnet sind, und sich bei der Datenschutz-Aufsicht beschweren.',
    codeTypo: 'Der Code ist nicht richtig. Bitte prüfen Sie jedes Zeichen. Tipp: Es gibt keine 0, O, 1, I oder L.',
    checking: 'Der Code wird geprüft …',
    locked: 'Zu viele falsche Versuche.',
    resumeHint: 'Sie können jederzeit aufhören. Ihre Antworten werden gespeichert. Mit Ihrem Code geht es später weiter, auch auf einem anderen Gerät.',
    saved: 'Gespeichert',
    saveFailed: 'Speichern hat nicht geklappt. Bitte prüfen Sie die Verbindung.',
    submitFailed: 'Bitte prüfen Sie diese Fragen:',
    thanksTitle: 'Vielen Dank!',
    thanks: 'Ihre Antworten sind angekommen. Sie haben uns sehr geholfen.',
    thanksAlready: 'Mit diesem Code wurde die Befragung schon abgeschickt. Jeder Haushalt kann einmal teilnehmen.',
    surveyLabel: 'Fragebogen',
    network: 'Der Server ist nicht erreichbar. Bitte versuchen Sie es später noch einmal.',
  },
};
const en = {
  resident: {
    privacyTitle: 'Data protection',
    privacyPurpose: 'Why? The city of {{city}} uses the answers to plan services for families, for example childcare places, playgrounds and counselling.',
    privacyController: 'Who is responsible? The city administration of {{city}}, social planning department.',
    privacyVoluntary: 'Taking part is voluntary. Not taking part has no disadvantages for you.',
    privacyStorage: 'We store your answers without your name and address. The access code is stored only in encrypted form. The address list for the letters is deleted after the survey, at the latest 6 months after it ends.',
    privacyRights: 'Your rights: you can ask for information, correction and deletion while your answers are still linked to your code, and complain to the data protection authority.',
    codeTypo: 'The code is not correct. Please check each character. Hint: there is no 0, O, 1, I or L.',
    checking: 'Checking the code …',
    locked: 'Too many wrong attempts.',
    resumeHint: 'You can stop at any time. Your answers are saved. Continue later with your code, also on another device.',
    saved: 'Saved',
    saveFailed: 'Saving did not work. Please check your connection.',
    submitFailed: 'Please check these questions:',
    thanksTitle: 'Thank you!',
    thanks: 'Your answers have arrived. You have helped us a lot.',
    thanksAlready: 'The survey has already been sent with this code. Each household can take part once.',
    surveyLabel: 'Questionnaire',
    network: 'The server cannot be reached. Please try again later.',
  },
};

i18n.addResourceBundle('de', 'translation', de, true, false);
i18n.addResourceBundle('en', 'translation', en, true, false);
