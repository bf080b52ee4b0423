import { expect } from 'chai';
import { AppError } from '../errors/appError';
import type { PaperEntry } from '../store/types';
import { assertReconcilable, firstPaperEntry, paperEntryOf, paperEntryTransition, type PaperEvent, type PaperForm } from './paperEntryTransition';

const T0 = '2026-03-02T09:00:00.000Z';
const T1 = '2026-03-02T10:00:00.000Z';
const form: PaperForm = { householdId: 'H1', questionnaireId: 'family-life-quality', questionnaireVersion: 1, district: '01', wave: 1, drawId: 'd1' };
const key = (userId: string, answers: Record<string, unknown> = { a: 1 }): PaperEvent => ({ type: 'key', form, userId, answers, at: T1 });
const reconcile = (revision: number): PaperEvent => ({
  type: 'reconcile',
  revision,
  answers: { a: 2 },
  resolutions: [{ question: 'a', entry1: 1, entry2: 2, choice: 'entry2', value: 2 }],
  reconcilerUserId: 'rita',
  outcome: 'counted',
  at: T1,
});

const firstOnly: PaperEntry = firstPaperEntry(form, 'anna', { a: 1 }, T0);
const bothEntered: PaperEntry = { ...firstOnly, entry2UserId: 'bert', entry2Answers: { a: 2 }, entry2At: T0, status: 'awaiting-reconciliation', revision: 2 };
const reconciled: PaperEntry = { ...bothEntered, status: 'reconciled', reconciledAnswers: { a: 2 }, resolutions: [], reconcilerUserId: 'rita', reconciledAt: T0, outcome: 'counted', revision: 3 };

/** The message key of the AppError `f` throws. */
function refusal(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    expect(err).to.be.instanceOf(AppError);
    return `${(err as AppError).kind} ${(err as AppError).key}`;
  }
  throw new Error('nothing was refused');
}

describe('paperEntryTransition: blind double entry as a state machine', () => {
  it('the first entry creates the form awaiting the second entry, at revision 1', () => {
    expect(paperEntryTransition(null, key('anna'))).to.deep.equal({ create: { ...firstOnly, entry1At: T1, createdAt: T1, updatedAt: T1 }, entry: 1, expectedRevision: null });
  });

  it('the first person corrects entry 1 and the state stays', () => {
    expect(paperEntryTransition(firstOnly, key('anna', { a: 5 }))).to.deep.equal({
      change: { entry1UserId: 'anna', entry1Answers: { a: 5 }, entry1At: T1, updatedAt: T1 },
      entry: 1,
      expectedRevision: 1,
    });
  });

  it('another person keys entry 2 and the form awaits reconciliation', () => {
    expect(paperEntryTransition(firstOnly, key('bert', { a: 2 }))).to.deep.equal({
      change: { entry2UserId: 'bert', entry2Answers: { a: 2 }, entry2At: T1, status: 'awaiting-reconciliation', updatedAt: T1 },
      entry: 2,
      expectedRevision: 1,
    });
  });

  it('while awaiting reconciliation, each person corrects their own entry', () => {
    expect(paperEntryTransition(bothEntered, key('anna'))).to.deep.include({ entry: 1, expectedRevision: 2 });
    expect(paperEntryTransition(bothEntered, key('anna'))).to.have.nested.property('change.entry1UserId', 'anna');
    expect(paperEntryTransition(bothEntered, key('anna'))).to.not.have.nested.property('change.status');
    expect(paperEntryTransition(bothEntered, key('bert'))).to.deep.include({
      change: { entry2UserId: 'bert', entry2Answers: { a: 1 }, entry2At: T1, status: 'awaiting-reconciliation', updatedAt: T1 },
      entry: 2,
    });
  });

  it('refuses a third person once both entries are made', () => {
    expect(refusal(() => paperEntryTransition(bothEntered, key('carl')))).to.equal('conflict collection.paperBothEntered');
  });

  it('refuses any entry on a reconciled form', () => {
    expect(refusal(() => paperEntryTransition(reconciled, key('anna')))).to.equal('conflict collection.paperReconciled');
    expect(refusal(() => paperEntryTransition(reconciled, key('carl')))).to.equal('conflict collection.paperReconciled');
  });

  it('reconciling a form with both entries at the revision seen settles it', () => {
    expect(paperEntryTransition(bothEntered, reconcile(2))).to.deep.equal({
      change: {
        status: 'reconciled',
        reconciledAnswers: { a: 2 },
        resolutions: [{ question: 'a', entry1: 1, entry2: 2, choice: 'entry2', value: 2 }],
        reconcilerUserId: 'rita',
        reconciledAt: T1,
        outcome: 'counted',
        updatedAt: T1,
      },
      entry: null,
      expectedRevision: 2,
    });
  });

  it('refuses a reconciliation of a form never keyed, of one waiting for entry 2, and of a changed one', () => {
    expect(refusal(() => paperEntryTransition(null, reconcile(1)))).to.equal('notFound collection.householdUnknown');
    expect(refusal(() => paperEntryTransition(firstOnly, reconcile(1)))).to.equal('conflict collection.paperNotReady');
    expect(refusal(() => paperEntryTransition(bothEntered, reconcile(1)))).to.equal('conflict collection.paperConflict');
  });

  it('a reconciled form is reported as reconciled to whoever saw its last revision, as a conflict to others', () => {
    expect(refusal(() => paperEntryTransition(reconciled, reconcile(3)))).to.equal('conflict collection.paperReconciled');
    expect(refusal(() => paperEntryTransition(reconciled, reconcile(2)))).to.equal('conflict collection.paperConflict');
  });

  it('assertReconcilable lets through exactly the forms a reconciliation may settle', () => {
    expect(() => assertReconcilable(bothEntered, 2)).to.not.throw();
    expect(refusal(() => assertReconcilable(firstOnly, 1))).to.equal('conflict collection.paperNotReady');
    expect(refusal(() => assertReconcilable({ ...bothEntered, entry2Answers: null }, 2))).to.equal('conflict collection.paperNotReady');
  });

  it('paperEntryOf: first person entry 1, another person entry 2, a third none', () => {
    expect(paperEntryOf(null, 'anna')).to.equal(1);
    expect(paperEntryOf(firstOnly, 'anna')).to.equal(1);
    expect(paperEntryOf(firstOnly, 'bert')).to.equal(2);
    expect(paperEntryOf(bothEntered, 'bert')).to.equal(2);
    expect(paperEntryOf(bothEntered, 'carl')).to.equal(null);
  });
});
