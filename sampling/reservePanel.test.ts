import { expect } from 'chai';
import { generateFrame } from '../fixtures/syntheticFrame';
import { activeSample, createRng, drawWithReserve, panelId, refreshmentSample, reinvitePanel, releaseReserve, stratifiedSrswor, type PanelMember } from './index';

const frame = generateFrame({ households: 400, districts: 2, seed: 21 });
const N = { Stadtmitte: frame.filter((r) => r.district === 'Stadtmitte').length, Debschwitz: frame.filter((r) => r.district === 'Debschwitz').length };
const options = (seed: number) => ({
  id: 'household_id',
  stratum: 'district',
  allocation: { Stadtmitte: 20, Debschwitz: 10 },
  reserve: { Stadtmitte: 8, Debschwitz: 4 },
  rng: createRng(seed),
});

describe('reserve sample', () => {
  it('draws main and ranked reserve units without overlap', () => {
    const draw = drawWithReserve(frame, options(1));
    expect(draw.main).to.have.length(30);
    expect(draw.reserve).to.have.length(12);
    const ids = new Set([...draw.main, ...draw.reserve].map((u) => u.row.household_id));
    expect(ids.size).to.equal(42);
    expect(draw.reserve.filter((u) => u.stratum === 'Stadtmitte').map((u) => u.rank)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(draw.strata.map((s) => s.released)).to.deep.equal([0, 0]);
  });

  it('has the same main sample as stratifiedSrswor with the same seed', () => {
    const draw = drawWithReserve(frame, options(5));
    const plain = stratifiedSrswor(frame, { id: 'household_id', stratum: 'district', allocation: options(5).allocation, rng: createRng(5) });
    // Debschwitz is drawn first (name order), so the shuffles coincide only in that stratum's main part.
    const deb = (units: { row: { household_id: string }; stratum: string }[]) => units.filter((u) => u.stratum === 'Debschwitz').map((u) => u.row.household_id);
    expect(deb(draw.main)).to.deep.equal(deb(plain));
  });

  it('releases in rank order and recomputes π from the released total', () => {
    const draw = drawWithReserve(frame, options(2));
    const first = releaseReserve(draw, { Stadtmitte: 3 });
    const second = releaseReserve(first, { Stadtmitte: 2, Debschwitz: 4 });
    expect(draw.strata.map((s) => s.released)).to.deep.equal([0, 0]);
    const active = activeSample(second);
    expect(active).to.have.length(30 + 5 + 4);
    const stadt = active.filter((u) => u.stratum === 'Stadtmitte');
    expect(stadt).to.have.length(25);
    for (const u of stadt) {
      expect(u.inclusionProbability).to.equal(25 / N.Stadtmitte);
      expect(u.designWeight).to.equal(N.Stadtmitte / 25);
    }
    const releasedIds = new Set(stadt.map((u) => u.row.household_id));
    for (const u of draw.reserve.filter((r) => r.stratum === 'Stadtmitte')) expect(releasedIds.has(u.row.household_id)).to.equal(u.rank <= 5);
    expect(activeSample(draw).filter((u) => u.stratum === 'Debschwitz')[0].inclusionProbability).to.equal(10 / N.Debschwitz);
  });

  it('main + released reserve stays an equal-probability sample (2,000 draws)', () => {
    const small = frame.filter((r) => r.district === 'Debschwitz').slice(0, 30);
    const counts = new Map<string, number>();
    const reps = 2000;
    for (let seed = 1; seed <= reps; seed++) {
      const draw = drawWithReserve(small, { id: 'household_id', stratum: 'district', allocation: { Debschwitz: 5 }, reserve: { Debschwitz: 5 }, rng: createRng(seed) });
      for (const u of activeSample(releaseReserve(draw, { Debschwitz: 3 }))) counts.set(u.row.household_id, (counts.get(u.row.household_id) ?? 0) + 1);
    }
    const pi = 8 / 30;
    const se = Math.sqrt((pi * (1 - pi)) / reps);
    for (const r of small) expect(Math.abs((counts.get(r.household_id) ?? 0) / reps - pi)).to.be.below(4 * se);
  });

  it('refuses impossible reserves and releases', () => {
    expect(() => drawWithReserve(frame, { ...options(1), reserve: { Stadtmitte: N.Stadtmitte } })).to.throw(RangeError, /fewer than its sample 20 plus reserve/);
    expect(() => drawWithReserve(frame, { ...options(1), reserve: { Lusan: 1 } })).to.throw(RangeError, /reserve has stratum 'Lusan'/);
    const draw = drawWithReserve(frame, options(1));
    expect(() => releaseReserve(draw, { Debschwitz: 5 })).to.throw(RangeError, /only 4 reserve units left, cannot release 5/);
    expect(() => releaseReserve(draw, { Gera: 1 })).to.throw(RangeError, /'Gera': it is not part of the draw/);
    expect(() => releaseReserve(draw, { Debschwitz: 1.5 })).to.throw(RangeError, /non-negative integer/);
  });
});

describe('panel waves', () => {
  const key = 'office-key-0123456789';

  it('derives stable pseudonymous panel ids', () => {
    expect(panelId('H000001', key)).to.equal(panelId('H000001', key));
    expect(panelId('H000001', key)).to.match(/^P[0-9a-f]{32}$/);
    expect(panelId('H000001', key)).to.not.equal(panelId('H000002', key));
    expect(panelId('H000001', key)).to.not.equal(panelId('H000001', 'another-key-0123456789'));
    // Pinned value, checked with `openssl dgst -sha256 -hmac office-key-0123456789` (first 32 hex digits).
    expect(panelId('H000001', key)).to.equal('P705ef6ff2096d08330e0a740f9dde0d3');
    expect(panelId('H000001', Buffer.from(key))).to.equal('P705ef6ff2096d08330e0a740f9dde0d3');
    expect(() => panelId('H1', 'short')).to.throw(RangeError, /at least 16 bytes/);
    expect(() => panelId('', key)).to.throw(RangeError, /non-empty/);
  });

  it('re-invites stayers with their wave-1 weight and records attrition', () => {
    const wave1 = stratifiedSrswor(frame, { id: 'household_id', stratum: 'district', allocation: { Stadtmitte: 6, Debschwitz: 4 }, rng: createRng(3) });
    const members: PanelMember[] = wave1.map((u) => ({ panelId: panelId(u.row.household_id, key), stratum: u.stratum, entryWave: 1, designWeight: u.designWeight }));
    const lost = new Map([
      [members[0].panelId, 'moved_away' as const],
      [members[3].panelId, 'refused' as const],
    ]);
    const wave2 = reinvitePanel(members, 2, lost);
    expect(wave2.invited).to.have.length(8);
    expect(wave2.attrited.map((m) => m.attrition)).to.deep.equal([
      { wave: 2, reason: 'moved_away' },
      { wave: 2, reason: 'refused' },
    ]);
    for (const m of wave2.invited) expect(m.designWeight).to.equal(members.find((x) => x.panelId === m.panelId)?.designWeight);
    const wave3 = reinvitePanel(wave2.members, 3, {});
    expect(wave3.invited).to.have.length(8);
    expect(wave3.attrited).to.have.length(0);
    expect(() => reinvitePanel(wave2.members, 3, { [members[0].panelId]: 'refused' })).to.throw(RangeError, /not an active panel member/);
    expect(() => reinvitePanel(members, 2, { [members[1].panelId]: 'bored' as never })).to.throw(RangeError, /unknown attrition reason 'bored'/);
    expect(() => reinvitePanel(members, 1, {})).to.throw(RangeError, /wave must be an integer ≥ 2/);
  });

  it('draws a refreshment sample that excludes households drawn before, weighted among the eligible', () => {
    const wave1 = drawWithReserve(frame, options(4));
    const drawnBefore = [...wave1.main, ...wave1.reserve].map((u) => u.row.household_id);
    // The new frame: the old households plus 50 newcomers in Stadtmitte.
    const newcomers = Array.from({ length: 50 }, (_, i) => ({ ...frame[0], household_id: `N${String(i).padStart(4, '0')}` }));
    const newFrame = [...frame, ...newcomers];
    const eligibleStadt = N.Stadtmitte + 50 - 28;
    for (let seed = 1; seed <= 30; seed++) {
      const refresh = refreshmentSample(newFrame, { id: 'household_id', stratum: 'district', allocation: { Stadtmitte: 15, Debschwitz: 5 }, exclude: drawnBefore, rng: createRng(seed) });
      expect(refresh).to.have.length(20);
      for (const u of refresh) {
        expect(drawnBefore).to.not.include(u.row.household_id);
        expect(newFrame[u.rowIndex]).to.equal(u.row);
      }
      const stadt = refresh.filter((u) => u.stratum === 'Stadtmitte');
      expect(stadt[0].inclusionProbability).to.equal(15 / eligibleStadt);
      expect(stadt[0].designWeight).to.equal(eligibleStadt / 15);
    }
    expect(() =>
      refreshmentSample(newFrame, { id: 'household_id', stratum: 'district', allocation: { Stadtmitte: 15, Debschwitz: N.Debschwitz }, exclude: drawnBefore, rng: createRng(1) }),
    ).to.throw(RangeError, /stratum 'Debschwitz' is \d+, more than its N = \d+ units/);
  });
});
