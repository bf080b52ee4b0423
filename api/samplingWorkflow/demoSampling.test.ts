import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { hashAccessCode } from '../codes';
import { seedDemo } from '../demo/seedDemo';
import { openStore } from '../store';
import type { Store } from '../store/types';
import { DEMO_DRAW_SEED } from './demoSampling';
import { verifyDraw } from './drawService';
import { accessCodeHashSecret } from '../secrets/accessCodeHashSecret';

describe('demo seed: sampling', function () {
  this.timeout(60_000);
  let dir: string;
  let store: Store;
  let notes: string[];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'demo-sampling-'));
    store = await openStore({ dataDir: dir });
    ({ notes } = await seedDemo(store, undefined, { dataDir: dir }));
  });
  after(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports the synthetic Gera frame with invented names into 12 districts', async () => {
    const [frame] = await store.frames.list();
    expect(frame!.rowCount).to.equal(9550);
    expect(frame!.districts).to.have.length(12);
    const households = await store.households.listByFrame(frame!.id);
    const contacts = await store.contacts.getMany(frame!.id, households.slice(0, 5).map((h) => h.householdId));
    for (const c of contacts) expect(c.name).to.match(/^Testfamilie /);
  });

  it('gives every household one of 40 synthetic sub-districts, each inside one district', async () => {
    const [frame] = await store.frames.list();
    expect(frame!.columnMapping.subdistrict).to.equal('Teilbezirk');
    const households = await store.households.listByFrame(frame!.id);
    const home = new Map<string, Set<string>>();
    for (const h of households) {
      expect(h.subdistrict).to.be.a('string');
      if (!home.has(h.subdistrict!)) home.set(h.subdistrict!, new Set());
      home.get(h.subdistrict!)!.add(h.district);
    }
    expect(home.size).to.equal(40);
    for (const [name, districts] of home) expect([...districts], name).to.have.length(1);
  });

  it('draws about 3,000 households reproducibly and issues one code each', async () => {
    const [draw] = await store.draws.list();
    expect(draw!.seed).to.equal(DEMO_DRAW_SEED);
    const invited = await store.sampleUnits.listByDraw(draw!.id, 'invited');
    expect(invited.length).to.be.within(2950, 3050);
    expect(await verifyDraw(store, draw!.id)).to.include({ reproducible: true });
    expect(await store.accessCodes.listByDraw(draw!.id)).to.have.length(invited.length);
  });

  it('prints three demo codes once, each matching a stored active hash', async () => {
    const codes = notes.filter((line) => /^\s+[0-9A-Z]{4}-/.test(line)).map((line) => line.trim());
    expect(codes).to.have.length(3);
    const secret = accessCodeHashSecret(dir);
    for (const code of codes) expect(await store.accessCodes.findActiveByHash(hashAccessCode(code, secret))).to.not.equal(null);
    expect((await seedDemo(store, undefined, { dataDir: dir })).notes).to.deep.equal([]);
  });
});
