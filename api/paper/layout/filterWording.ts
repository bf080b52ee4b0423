import type { CatalogueQuestion } from '../../questionnaire/questionCatalogue';
import { sameValue } from './comparisonHolds';
import { asComparison, type Operand } from './conditionTerms';
import type { PaperLabels } from './paperLabels';
import type { PrintQuestion } from './printSections';
import type { PaperLang } from './types';

/**
 * Filter logic in words, as the printed form states it: conditions ("Frage 3 mindestens 1") and jumps
 * ("Wenn Nein: weiter mit Frage 12"). Questions are named by their printed number and choices by
 * their printed text, so a respondent can follow the form without knowing any variable name.
 */

/**
 * "A", "A oder B", "A, B oder C".
 * @example listOf(['A', 'B', 'C'], PAPER_LABELS.de) // → 'A, B oder C'
 */
export function listOf(items: readonly string[], labels: PaperLabels): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')}${labels.or}${items[items.length - 1]}`;
}

/** The printed text of a choice value, or the value itself when the question has no such choice. */
function choiceText(q: CatalogueQuestion, value: unknown, lang: PaperLang): string {
  const choice = q.choices?.find((c) => sameValue(c.value, value));
  return choice ? choice.text[lang] : String(value);
}

/**
 * A condition in words: "Frage 3 mindestens 1", "Frage 4 „Ja“ oder „Teilweise“". Nested `and`/`or`
 * get parentheses where the other operator encloses them; a term that is no plain comparison is
 * printed as written, with its variables replaced by question numbers.
 * Cost: O(size of the condition · choices).
 * @example describeCondition(parseCondition('{kids} >= 1')!, byName, PAPER_LABELS.de, 'de') // → 'Frage 1 mindestens 1'
 */
export function describeCondition(op: Operand, byName: ReadonlyMap<string, PrintQuestion>, labels: PaperLabels, lang: PaperLang): string {
  if (op.getType() === 'binary' && (op.operatorName === 'and' || op.operatorName === 'or')) {
    const side = (o: Operand | undefined) => {
      if (o === undefined) return '';
      const text = describeCondition(o, byName, labels, lang);
      return o.getType() === 'binary' && (o.operatorName === 'and' || o.operatorName === 'or') && o.operatorName !== op.operatorName ? `(${text})` : text;
    };
    return `${side(op.leftOperand)}${op.operatorName === 'and' ? labels.and : labels.or}${side(op.rightOperand)}`;
  }
  const c = asComparison(op);
  const nameOf = (variable: string) => {
    const q = byName.get(variable);
    return q ? `${labels.question} ${q.number}` : variable;
  };
  if (c === undefined) return op.toString().replace(/\{([^}]+)\}/g, (_m, v: string) => nameOf(v));
  const subject = byName.get(c.variable);
  const show = (value: unknown) => (subject?.catalogue.choices && subject.catalogue.inputType === undefined ? labels.quote(choiceText(subject.catalogue, value, lang)) : String(value));
  const list = listOf(c.values.map(show), labels);
  const ops = labels.ops as Record<string, string>;
  switch (c.op) {
    case 'equal':
    case 'anyof':
      return `${nameOf(c.variable)} ${list}`;
    case 'empty':
    case 'notempty':
      return `${nameOf(c.variable)} ${ops[c.op]}`;
    default:
      return `${nameOf(c.variable)} ${ops[c.op] ?? c.op} ${list}`;
  }
}

/**
 * Conditions that must all hold, in words: the terms joined by "und", an "oder" term among several in
 * parentheses so "A und (B oder C)" cannot be read as "(A und B) oder C".
 * @example describeConditions([parseCondition('{kids} >= 1')!, parseCondition('{school} = 1 or {kids} empty')!], byName, PAPER_LABELS.de, 'de')
 * // → 'Frage 1 mindestens 1 und (Frage 15 „Ja“ oder Frage 1 nicht beantwortet)'
 */
export function describeConditions(terms: readonly Operand[], byName: ReadonlyMap<string, PrintQuestion>, labels: PaperLabels, lang: PaperLang): string {
  return terms
    .map((op) => {
      const text = describeCondition(op, byName, labels, lang);
      return terms.length > 1 && op.getType() === 'binary' && op.operatorName === 'or' ? `(${text})` : text;
    })
    .join(labels.and);
}

/**
 * The jump lines of a question, by target question number with the end of the questionnaire last.
 * A single choice text without spaces or commas stands bare ("Wenn Nein: …"); others are quoted
 * ("Wenn „Ja, aber erst später“ oder „Nein“: …") so the reader sees where each choice ends.
 * @example jumpInstructions(new Map([[18, [2]]]), q, PAPER_LABELS.de, 'de') // → ['Wenn Nein: weiter mit Frage 18']
 */
export function jumpInstructions(jumps: ReadonlyMap<number, readonly unknown[]>, q: CatalogueQuestion, labels: PaperLabels, lang: PaperLang): string[] {
  return [...jumps.entries()]
    .sort((a, b) => (a[0] === 0 ? 1 : b[0] === 0 ? -1 : a[0] - b[0]))
    .map(([target, values]) => {
      const texts = values.map((v) => choiceText(q, v, lang));
      const which = texts.length === 1 && !/\s|,/.test(texts[0]!) ? texts[0]! : listOf(texts.map(labels.quote), labels);
      return target === 0 ? labels.jumpEnd(which) : labels.jump(which, `${labels.question} ${target}`);
    });
}
