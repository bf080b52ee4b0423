import type { PaperLang } from './types';

/**
 * Every fixed wording of the printed form in German and English: instructions, page furniture and the
 * words that put filter logic into sentences ("Wenn Nein: weiter mit Frage 12"). The questionnaire's
 * own texts come from its JSON; these are the form's. Changing one changes the layout hash of every
 * form printed in that language.
 * @example PAPER_LABELS.de.jump('Nein', 'Frage 12') // → 'Wenn Nein: weiter mit Frage 12'
 */
export const PAPER_LABELS = {
  de: {
    question: 'Frage',
    page: (p: number, n: number) => `Seite ${p} von ${n}`,
    next: 'Bitte weiter auf der nächsten Seite',
    end: 'Ende des Fragebogens. Vielen Dank für Ihre Teilnahme!',
    how: [
      'So füllen Sie den Fragebogen aus: Bitte mit Kugelschreiber und ein Kreuz (X) in das Kästchen der zutreffenden Antwort.',
      'Zahlen bitte rechtsbündig in die Kästchen schreiben, eine Ziffer je Kästchen.',
      'Antwort ändern: das falsche Kästchen ganz ausmalen und das richtige ankreuzen.',
    ],
    multiple: 'Mehrere Antworten möglich.',
    only: 'Nur beantworten, wenn: ',
    onlyPart: 'Diesen Teil nur beantworten, wenn: ',
    jump: (choices: string, target: string) => `Wenn ${choices}: weiter mit ${target}`,
    jumpEnd: (choices: string) => `Wenn ${choices}: weiter zum Ende des Fragebogens`,
    or: ' oder ',
    and: ' und ',
    number: (min: number | undefined, max: number | undefined) => (min !== undefined && max !== undefined ? `Zahl von ${min} bis ${max}` : 'Zahl'),
    ops: { greaterorequal: 'mindestens', lessorequal: 'höchstens', greater: 'mehr als', less: 'weniger als', notequal: 'nicht', noneof: 'nicht', empty: 'nicht beantwortet', notempty: 'beantwortet', contains: 'mit', notcontains: 'ohne' },
    quote: (text: string) => `„${text}“`,
  },
  en: {
    question: 'question',
    page: (p: number, n: number) => `Page ${p} of ${n}`,
    next: 'Please turn over to the next page',
    end: 'End of the questionnaire. Thank you for taking part!',
    how: [
      'How to fill in this form: please use a ballpoint pen and put a cross (X) in the box of the answer that applies.',
      'Write numbers right-aligned in the boxes, one digit per box.',
      'To change an answer: fill the wrong box in completely and cross the right one.',
    ],
    multiple: 'More than one answer possible.',
    only: 'Only answer if: ',
    onlyPart: 'Only answer this part if: ',
    jump: (choices: string, target: string) => `If ${choices}: go on with ${target}`,
    jumpEnd: (choices: string) => `If ${choices}: go on to the end of the questionnaire`,
    or: ' or ',
    and: ' and ',
    number: (min: number | undefined, max: number | undefined) => (min !== undefined && max !== undefined ? `Number from ${min} to ${max}` : 'Number'),
    ops: { greaterorequal: 'at least', lessorequal: 'at most', greater: 'more than', less: 'less than', notequal: 'not', noneof: 'not', empty: 'not answered', notempty: 'answered', contains: 'with', notcontains: 'without' },
    quote: (text: string) => `“${text}”`,
  },
} as const;

export type PaperLabels = (typeof PAPER_LABELS)[PaperLang];
