import { expect } from 'chai';
import v2 from '../../questionnaire/family-life-quality.v2.json';
import { parseQuestionnaire } from '../../questionnaire/parseQuestionnaire';
import { loadQuestionnaire } from '../../questionnaire/registry';
import { paperLayout } from '../paperLayout';
import { breakIntoPages } from './breakIntoPages';
import { holds } from './comparisonHolds';
import { asComparison, conjuncts, parseCondition } from './conditionTerms';
import { digitCount } from './digitBoxes';
import { filterJumps } from './filterJumps';
import { describeCondition, describeConditions, jumpInstructions, listOf } from './filterWording';
import { emptyBlock, type LayoutBlock } from './layoutBlock';
import { canonicalJson, layoutHashOf } from './layoutHash';
import { PAPER_LABELS } from './paperLabels';
import { printSections } from './printSections';
import { printStyle } from './printStyle';
import { roundMm } from './roundMm';
import { wrapText } from './wrapText';

const v1Questions = printSections(loadQuestionnaire(1), 'de').flatMap((s) => s.questions);
const byName = new Map(v1Questions.map((q) => [q.catalogue.name, q]));

describe('paper layout steps, as their doc comments show them', () => {
  it('keeps the layout hashes of the shipped questionnaires: a change makes forms printed before unreadable by the scan import', () => {
    const hashes = (json: Parameters<typeof paperLayout>[0], questionnaire: string) =>
      (['de', 'en'] as const).flatMap((lang) => [false, true].map((largePrint) => paperLayout(json, { questionnaire, lang, largePrint }).layoutHash));
    expect(hashes(loadQuestionnaire(1), 'family-life-quality@1')).to.deep.equal(['90eabe7e', '93caa677', '3c9ee26e', 'ebca0231']);
    expect(hashes(parseQuestionnaire(v2), 'family-life-quality@2')).to.deep.equal(['d6dd33d5', '06fcb041', 'cbd1edec', '91aa94d6']);
  });

  it('wraps greedily, keeps a too-long word whole and starts each paragraph on a new line', () => {
    const width = (s: string) => s.length * 2;
    expect(wrapText('Ja oder Nein', 16, width)).to.deep.equal(['Ja oder', 'Nein']);
    expect(wrapText('Donaudampfschifffahrt ja', 16, width)).to.deep.equal(['Donaudampfschifffahrt', 'ja']);
    expect(wrapText('eins\n\ndrei', 100, width)).to.deep.equal(['eins', '', 'drei']);
  });

  it('reads a condition as and-terms of plain comparisons, and evaluates them for one answer', () => {
    expect(conjuncts(parseCondition('{a} = 1 and ({b} = 2 or {c} = 3)')).map(String)).to.deep.equal(['({a} == 1)', '(({b} == 2) or ({c} == 3))']);
    expect(conjuncts(parseCondition('this is not (a condition'))).to.deep.equal([]);
    const atLeastOne = asComparison(parseCondition('{kids} >= 1')!)!;
    expect(atLeastOne).to.deep.equal({ variable: 'kids', op: 'greaterorequal', values: [1] });
    expect(asComparison(parseCondition("{kids} anyof ['1', 2]")!)).to.deep.equal({ variable: 'kids', op: 'anyof', values: ['1', 2] });
    expect(asComparison(parseCondition('{a} = {b}')!)).to.equal(undefined);
    expect([holds(atLeastOne, undefined), holds(atLeastOne, 0), holds(atLeastOne, '2')]).to.deep.equal([false, false, true]);
    expect(holds({ variable: 'a', op: 'noneof', values: [1] }, undefined)).to.equal(true);
    expect(holds({ variable: 'a', op: 'anyof', values: [1] }, '1')).to.equal(true);
    expect(holds({ variable: 'a', op: 'contains', values: [1] }, undefined), 'unknown operator').to.equal(true);
  });

  it('derives the jump of v1 question 15 and words it, and words a condition with question numbers and choice texts', () => {
    const index = v1Questions.findIndex((q) => q.catalogue.name === 'primary_school_child');
    expect(v1Questions[index]!.number).to.equal(15);
    const jumps = filterJumps(index, v1Questions);
    expect(jumps).to.deep.equal(new Map([[18, [2]]]));
    expect(jumpInstructions(jumps, v1Questions[index]!.catalogue, PAPER_LABELS.de, 'de')).to.deep.equal(['Wenn Nein: weiter mit Frage 18']);
    expect(jumpInstructions(jumps, v1Questions[index]!.catalogue, PAPER_LABELS.en, 'en')).to.deep.equal(['If No: go on with question 18']);
    expect(describeCondition(parseCondition('{children_count} >= 1')!, byName, PAPER_LABELS.de, 'de')).to.equal('Frage 1 mindestens 1');
    expect(describeCondition(parseCondition('{primary_school_child} = 1 or {children_count} empty')!, byName, PAPER_LABELS.de, 'de')).to.equal('Frage 15 „Ja“ oder Frage 1 nicht beantwortet');
    // Several conditions that must all hold: an "oder" among them is bracketed, a lone one is not.
    const either = parseCondition('{primary_school_child} = 1 or {children_count} empty')!;
    expect(describeConditions([parseCondition('{children_count} >= 1')!, either], byName, PAPER_LABELS.de, 'de')).to.equal('Frage 1 mindestens 1 und (Frage 15 „Ja“ oder Frage 1 nicht beantwortet)');
    expect(describeConditions([either], byName, PAPER_LABELS.de, 'de')).to.equal('Frage 15 „Ja“ oder Frage 1 nicht beantwortet');
    expect(listOf(['A', 'B', 'C'], PAPER_LABELS.de)).to.equal('A, B oder C');
    expect(listOf([], PAPER_LABELS.en)).to.equal('');
  });

  it('sizes digit boxes by the largest allowed value and rounds coordinates to 0.01 mm', () => {
    expect([digitCount(120), digitCount(-7), digitCount(undefined), digitCount(Infinity)]).to.deep.equal([3, 1, 3, 3]);
    expect(roundMm(73.33999999)).to.equal(73.34);
    expect(printStyle(true).box).to.equal(7);
    expect(printStyle(false).box).to.equal(5);
  });

  it('breaks pages first-fit, keeps a heading with the block after it and names a block taller than a page', () => {
    const block = (height: number, question: string, keepWithNext = false): LayoutBlock => ({
      ...emptyBlock(),
      height,
      keepWithNext,
      textAreas: [{ question, xMm: 30, yMm: 0, wMm: 10, hMm: height }],
    });
    const style = printStyle(false); // blockGap 6 mm; content area 38–268 mm
    const pages = breakIntoPages([block(100, 'a'), block(100, 'b'), block(10, 'heading', true), block(10, 'c')], style);
    expect(pages.map((p) => p.textAreas.map((t) => `${t.question}@${t.yMm}`))).to.deep.equal([['a@38', 'b@144'], ['heading@38', 'c@51']]);
    expect(() => breakIntoPages([block(231, 'tall')], style)).to.throw(/tall.*231 mm > 230 mm/);
  });

  it('hashes the canonical JSON: key order and undefined members do not count', () => {
    expect(canonicalJson({ b: 1, a: [true, null], c: undefined })).to.equal('{"a":[true,null],"b":1}');
    expect(layoutHashOf([])).to.equal('4f53cda1');
    const page = { page: 1, widthMm: 210, heightMm: 297, boxes: [], digitBoxes: [], textAreas: [], texts: [] };
    const reordered = { texts: [], textAreas: [], digitBoxes: [], boxes: [], heightMm: 297, widthMm: 210, page: 1 };
    expect(layoutHashOf([reordered])).to.equal(layoutHashOf([page]));
  });
});
