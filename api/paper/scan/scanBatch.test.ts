import { expect } from 'chai';
import type { PageIdentity } from '../pageIdentity';
import type { ScannedAnswer } from './questionRules';
import type { PageReading } from './readPage';
import { createScanBatch } from './scanBatch';

const identity = (formId: string, page: number, pages = 3): PageIdentity => ({ questionnaireId: 'family-life-quality', version: 1, lang: 'de', largePrint: false, page, pages, layoutHash: '0a1b2c3d', formId });
const auto = (question: string, value: string): ScannedAnswer => ({ question, value, status: 'auto', reason: '' });
const read = (formId: string, page: number, answers: ScannedAnswer[], blackAndWhite = false): PageReading =>
  ({ kind: 'read', identity: identity(formId, page), payload: '', residualMm: 0, blackAndWhite, image: { width: 1, height: 1, data: new Uint8Array(1) }, homography: [1, 0, 0, 0, 1, 0, 0, 0, 1], boxes: [], digitBoxes: [], answers }) as PageReading;
const source = (file: string, fileHash = file, pageInFile = 1) => ({ file, pageInFile, fileHash });

describe('createScanBatch', () => {
  it('groups pages into forms in page order whatever order they arrive in, and lists missing pages', () => {
    const batch = createScanBatch();
    expect(batch.add(source('b'), read('F2', 2, [auto('q3', '1')]))).to.equal('new');
    expect(batch.add(source('a'), read('F1', 3, [auto('q9', '2')]))).to.equal('new');
    batch.add(source('c'), read('F1', 1, [auto('q1', '4')]));
    const report = batch.report();
    expect(report.forms.map((f) => [f.formId, f.pages.map((p) => p.page), f.missingPages])).to.deep.equal([
      ['F1', [1, 3], [2]],
      ['F2', [2], [1, 3]],
    ]);
    expect(report.forms[0]!.answers.map((a) => a.question)).to.deep.equal(['q1', 'q9']);
    expect(report.pagesRead).to.equal(3);
  });

  it('ignores the same file read twice and reports it as a duplicate', () => {
    const batch = createScanBatch();
    batch.add(source('a.pdf', 'h1'), read('F1', 1, [auto('q1', '4')]));
    expect(batch.add(source('copy.pdf', 'h1'), read('F1', 1, [auto('q1', '4')]))).to.equal('duplicate');
    const report = batch.report();
    expect(report.duplicates).to.have.length(1);
    expect(report.duplicates[0]!.sameAs.file).to.equal('a.pdf');
    expect(report.forms[0]!.answers).to.deep.equal([auto('q1', '4')]);
  });

  it('sends the questions a rescan reads differently to review and keeps the ones it agrees on', () => {
    const batch = createScanBatch();
    batch.add(source('first', 'h1'), read('F1', 1, [auto('q1', '4'), auto('q2', '1')]));
    expect(batch.add(source('again', 'h2'), read('F1', 1, [auto('q1', '4'), auto('q2', '2')]))).to.equal('rescan');
    const form = batch.report().forms[0]!;
    expect(form.conflictPages).to.deep.equal([1]);
    expect(form.answers).to.deep.equal([auto('q1', '4'), { question: 'q2', value: '', status: 'review', reason: 'uncertainMark' }]);
  });

  it('reports unidentified and refused pages apart from the forms', () => {
    const batch = createScanBatch();
    expect(batch.add(source('x'), { kind: 'unidentified', reason: 'no QR code of a printed form found' })).to.equal('unidentified');
    expect(batch.add(source('y'), { kind: 'refused', identity: identity('F1', 2), payload: '', reason: 'fiducial not found: top-left' })).to.equal('refused');
    const report = batch.report();
    expect(report.forms).to.deep.equal([]);
    expect(report.unidentified[0]!.reason).to.match(/no QR code/);
    expect(report.refused[0]).to.deep.include({ formId: 'F1', page: 2, reason: 'fiducial not found: top-left' });
    expect(report.pagesRead).to.equal(0);
  });

  it('counts the pages scanned in black and white, where a light pen may have vanished in the scanner', () => {
    const batch = createScanBatch();
    batch.add(source('grey'), read('F1', 1, [auto('q1', '4')]));
    batch.add(source('bw'), read('F1', 2, [auto('q2', '1')], true));
    batch.add(source('bw'), read('F1', 2, [auto('q2', '1')], true));
    const report = batch.report();
    expect([report.pagesRead, report.blackAndWhitePages]).to.deep.equal([3, 2]);
  });
});
