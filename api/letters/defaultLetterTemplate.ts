import type { LetterTemplate } from './letterTypes';
import { checkedSurveyBaseUrl } from './surveyLink';

/** What the default letter needs to know about the city and the survey wave. */
export interface DefaultLetterOptions {
  cityName: string;
  surveyBaseUrl: string;
  /** Reply deadline as calendar date, YYYY-MM-DD. */
  deadline: string;
  /** Letter date, YYYY-MM-DD; today (UTC) when omitted. */
  letterDate?: string;
  /** Issuing office, e.g. "Fachdienst Statistik und Wahlen"; printed as sender and signature. */
  department?: string;
  /** Postal address of the office in one line, e.g. "Kornmarkt 12, 07545 Gera" (return address). */
  postalAddress?: string;
  phone?: string;
  email?: string;
}

const LOCALE = { de: 'de-DE', en: 'en-GB' } as const;

/**
 * Parses a calendar date YYYY-MM-DD strictly (no 2027-02-30) and formats it for the language:
 * de → "15. Januar 2027", en → "15 January 2027".
 * @throws RangeError naming the field when the date is not a real calendar date.
 */
export function formatLetterDate(isoDate: string, language: 'de' | 'en', field: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!match || !date || date.toISOString().slice(0, 10) !== isoDate) {
    throw new RangeError(`${field} must be a calendar date written YYYY-MM-DD, got '${isoDate}'`);
  }
  return new Intl.DateTimeFormat(LOCALE[language], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/**
 * The standard invitation in plain language: purpose, how to take part (online with code or QR,
 * or on paper), deadline, voluntariness, data protection, contact — German with an English
 * paragraph (`de`) or English with a German paragraph (`en`). Every text is editable afterwards;
 * the data protection paragraph should be checked by the city's data protection officer.
 * @throws RangeError for a missing city name, a bad survey address or a bad date.
 * @example defaultLetterTemplate('de', { cityName: 'Gera', surveyBaseUrl: 'https://familie.gera.de', deadline: '2027-01-15' })
 */
export function defaultLetterTemplate(language: 'de' | 'en', options: DefaultLetterOptions): LetterTemplate {
  const city = options.cityName?.trim();
  if (!city) throw new RangeError('cityName is required for the default letter');
  if (language !== 'de' && language !== 'en') throw new RangeError(`language must be 'de' or 'en', got '${String(language)}'`);
  const surveyBaseUrl = checkedSurveyBaseUrl(options.surveyBaseUrl);
  const deadline = formatLetterDate(options.deadline, language, 'deadline');
  const letterDate = options.letterDate ?? new Date().toISOString().slice(0, 10);
  const date = formatLetterDate(letterDate, language, 'letterDate');
  const office = options.department?.trim() || (language === 'de' ? 'Familienbefragung' : 'Family survey');
  const administration = language === 'de' ? `Stadtverwaltung ${city}` : `City of ${city}`;
  const contactLines = [
    options.phone ? `${language === 'de' ? 'Telefon' : 'Phone'}: ${options.phone}` : '',
    options.email ? `${language === 'de' ? 'E-Mail' : 'Email'}: ${options.email}` : '',
  ].filter(Boolean);

  // The return address must fit one 6–7 pt line in the 85 mm window: authority and address only.
  const senderLine = [administration, options.postalAddress?.trim() || office].filter(Boolean).join(' · ');
  const senderBlock = [administration, office, options.postalAddress?.trim() ?? '', ...contactLines].filter(Boolean).join('\n');
  const contact =
    contactLines.length > 0
      ? language === 'de'
        ? `Haben Sie Fragen? Sie erreichen uns unter ${[options.phone && `Telefon ${options.phone}`, options.email && `E-Mail ${options.email}`].filter(Boolean).join(' oder ')}.`
        : `Any questions? Contact us: ${[options.phone && `phone ${options.phone}`, options.email && `email ${options.email}`].filter(Boolean).join(' or ')}.`
      : language === 'de'
        ? 'Haben Sie Fragen? Auf der Startseite der Befragung finden Sie, wie Sie uns erreichen.'
        : 'Any questions? The survey start page tells you how to reach us.';

  const body =
    language === 'de'
      ? [
          'Guten Tag,',
          `wie gut lebt es sich als Familie in ${city}? Das möchten wir von Ihnen wissen. Ihre Antworten helfen der Stadt, Angebote für Familien in Ihrem Stadtteil zu planen – zum Beispiel Kinderbetreuung, Spielplätze und Beratung. Ihr Haushalt wurde zufällig ausgewählt. Ihre Antworten stehen damit auch für viele andere Familien.`,
          'So machen Sie mit: Öffnen Sie {{url}} und geben Sie dort Ihren Zugangscode ein. Oder scannen Sie den QR-Code mit dem Handy. Das dauert etwa 15 Minuten.',
          '{{codeBox}}',
          'Lieber auf Papier? Rufen Sie uns an oder schreiben Sie uns. Wir schicken Ihnen einen Fragebogen mit Rückumschlag. Das Porto zahlt die Stadt.',
          'Bitte antworten Sie bis zum {{deadline}}.',
          'Die Teilnahme ist freiwillig. Wenn Sie nicht mitmachen, haben Sie keine Nachteile. Datenschutz: Wir werten die Antworten nur statistisch aus. Ergebnisse veröffentlichen wir nur zusammengefasst, nie für einzelne Familien. Der Zugangscode gilt nur für Ihren Haushalt – bitte geben Sie ihn nicht weiter. Mehr zum Datenschutz lesen Sie auf der Startseite der Befragung.',
          contact,
          `English: This letter invites your household to the ${city} family survey. Taking part is voluntary. Please answer by ${formatLetterDate(options.deadline, 'en', 'deadline')} at {{url}} with the access code above, or scan the QR code. Your answers are used for statistics only.`,
        ].join('\n\n')
      : [
          'Hello,',
          `how good is ${city} for families? We would like to hear from you. Your answers help the city plan services for families in your neighbourhood – for example childcare, playgrounds and advice. Your household was chosen at random, so your answers also speak for many other families.`,
          'How to take part: open {{url}} and enter your access code. Or scan the QR code with your phone. It takes about 15 minutes.',
          '{{codeBox}}',
          'Prefer paper? Call or write to us and we will send you a questionnaire with a prepaid return envelope.',
          'Please answer by {{deadline}}.',
          'Taking part is voluntary. If you do not take part, you will have no disadvantage. Data protection: we analyse the answers for statistics only and publish only summary results, never results for a single family. The access code is for your household only – please do not pass it on. The survey start page explains data protection in detail.',
          contact,
          `Deutsch: Dieser Brief lädt Ihren Haushalt zur Familienbefragung ${city} ein. Die Teilnahme ist freiwillig. Bitte antworten Sie bis zum ${formatLetterDate(options.deadline, 'de', 'deadline')} unter {{url}} mit dem Zugangscode oben oder über den QR-Code.`,
        ].join('\n\n');

  return {
    senderLine,
    senderBlock,
    date,
    subject: language === 'de' ? `Familienbefragung ${city}: Ihre Einladung` : `${city} family survey: your invitation`,
    body,
    signature: language === 'de' ? `Mit freundlichen Grüßen\n${administration}\n${office}` : `Kind regards\n${administration}\n${office}`,
    surveyBaseUrl,
    deadline,
    language,
  };
}
