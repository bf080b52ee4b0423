import { expect } from 'chai';
import { fieldworkEndedAt, loadRetentionPolicy, planRetention, yearsBefore, type FrameFieldworkFacts } from './retentionPolicy';

const frame = (over: Partial<FrameFieldworkFacts>): FrameFieldworkFacts => ({
  frameId: 'f',
  importedAt: '2026-01-05T09:00:00.000Z',
  contactsPurgedAt: null,
  contacts: 100,
  lastDrawAt: null,
  lastReleaseAt: null,
  lastResponseChangeAt: null,
  lastPaperEntryChangeAt: null,
  ...over,
});

describe('retention policy', () => {
  it('reads the policy from the environment with defaults (90 days, 10 years) and names a bad variable', () => {
    expect(loadRetentionPolicy({})).to.deep.equal({ contactsDaysAfterFieldwork: 90, answersYears: 10 });
    expect(loadRetentionPolicy({ RETENTION_CONTACTS_DAYS_AFTER_FIELDWORK: '0', RETENTION_ANSWERS_YEARS: '5', PORT: 'x' })).to.deep.equal({ contactsDaysAfterFieldwork: 0, answersYears: 5 });
    expect(loadRetentionPolicy({ RETENTION_ANSWERS_YEARS: '' })).to.deep.equal({ contactsDaysAfterFieldwork: 90, answersYears: 10 });
    expect(() => loadRetentionPolicy({ RETENTION_CONTACTS_DAYS_AFTER_FIELDWORK: '-1' })).to.throw(/RETENTION_CONTACTS_DAYS_AFTER_FIELDWORK/);
    expect(() => loadRetentionPolicy({ RETENTION_ANSWERS_YEARS: '0' })).to.throw(/RETENTION_ANSWERS_YEARS/);
    expect(() => loadRetentionPolicy({ RETENTION_ANSWERS_YEARS: 'ten' })).to.throw(/RETENTION_ANSWERS_YEARS/);
  });

  it('ends fieldwork at the latest activity of the frame', () => {
    expect(fieldworkEndedAt(frame({}))).to.equal('2026-01-05T09:00:00.000Z');
    expect(
      fieldworkEndedAt(frame({ lastDrawAt: '2026-02-01T10:00:00.000Z', lastReleaseAt: '2026-03-15T08:00:00.000Z', lastResponseChangeAt: '2026-05-20T18:30:00.000Z', lastPaperEntryChangeAt: '2026-05-02T12:00:00.000Z' })),
    ).to.equal('2026-05-20T18:30:00.000Z');
  });

  it('purges contacts exactly when the configured days after fieldwork have passed, never twice, and keeps the rest', () => {
    const policy = { contactsDaysAfterFieldwork: 90, answersYears: 10 };
    const quiet = frame({ frameId: 'quiet', lastResponseChangeAt: '2026-05-20T18:30:00.000Z' });
    const busy = frame({ frameId: 'busy', lastResponseChangeAt: '2026-11-01T07:00:00.000Z' });
    const purged = frame({ frameId: 'purged', contacts: 0, contactsPurgedAt: '2026-06-01T00:00:00.000Z' });
    const dueAt = '2026-08-18T18:30:00.000Z'; // 20 May + 90 days
    const justBefore = planRetention(policy, [quiet, busy, purged], new Date(Date.parse(dueAt) - 1));
    expect(justBefore.purgeContacts).to.deep.equal([]);
    expect(justBefore.keepContactsUntil.map((k) => [k.frameId, k.earliestPurge])).to.deep.equal([
      ['quiet', dueAt],
      ['busy', '2027-01-30T07:00:00.000Z'],
    ]);
    const atDue = planRetention(policy, [quiet, busy, purged], new Date(dueAt));
    expect(atDue.purgeContacts).to.deep.equal([{ frameId: 'quiet', contacts: 100, fieldworkEndedAt: '2026-05-20T18:30:00.000Z', dueSince: dueAt }]);
    expect(atDue.keepContactsUntil.map((k) => k.frameId)).to.deep.equal(['busy']);
  });

  it('deletes answers last changed more than N calendar years ago', () => {
    const plan = planRetention({ contactsDaysAfterFieldwork: 90, answersYears: 10 }, [], new Date('2026-11-28T03:00:00.000Z'));
    expect(plan.answersChangedBefore).to.equal('2016-11-28T03:00:00.000Z');
    expect(yearsBefore(new Date('2028-02-29T12:00:00.000Z'), 1).toISOString()).to.equal('2027-02-28T12:00:00.000Z');
    expect(yearsBefore(new Date('2028-02-29T12:00:00.000Z'), 4).toISOString()).to.equal('2024-02-29T12:00:00.000Z');
  });
});
