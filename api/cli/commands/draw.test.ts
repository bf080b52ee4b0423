import { expect } from 'chai';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { FRAME_COLUMNS, frameToCsv, generateFrame } from '../../../fixtures/syntheticFrame';
import { repoRoot, runCli, runAll } from '../../testing/runCli';


const readSample = (path: string) => parse(readFileSync(path, 'utf8'), { columns: true }) as Record<string, string>[];

describe('cli draw', function () {
  this.timeout(120000);
  let dir: string;
  const file = (name: string, content?: string) => {
    const path = join(dir, name);
    if (content !== undefined) writeFileSync(path, content);
    return path;
  };
  const frameRows = generateFrame({ households: 600, districts: 4, seed: 3 });
  const sizes = frameRows.reduce<Record<string, number>>((m, r) => ((m[r.district] = (m[r.district] ?? 0) + 1), m), {});
  const allocation = { Stadtmitte: 20, Debschwitz: 15, 'Gera-Ost': 10, 'Gera-Nord': 5 };
  const allocationCsv = 'stratum,N,exact,allocation\n' + Object.entries(allocation).map(([s, n]) => `${s},${sizes[s]},${n},${n}`).join('\n') + '\n';
  const drawArgs = (frame: string, alloc: string, out: string, ...extra: string[]) => [
    'draw', '--frame', frame, '--id', 'household_id', '--stratum', 'district', '--allocation', alloc, '--seed', '42', '--out', out, ...extra,
  ];

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'cli-draw-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('draws n_h per stratum, keeps the frame columns and adds π and weight; same seed → same sample, row order irrelevant', async () => {
    const frame = file('frame.csv', frameToCsv(frameRows));
    // Same frame with ';', a BOM and the rows reversed.
    const lines = frameToCsv(frameRows).trim().split('\n');
    const reversed = file('reversed.csv', '\uFEFF' + [lines[0], ...lines.slice(1).reverse()].map((l) => l.replaceAll(',', ';')).join('\n') + '\n');
    const alloc = file('alloc.csv', allocationCsv);
    const [a, b, c, d] = await runAll([
      drawArgs(frame, alloc, file('a.csv')),
      drawArgs(frame, alloc, file('b.csv')),
      drawArgs(reversed, alloc, file('c.csv')),
      drawArgs(frame, alloc, file('d.csv')).map((x) => (x === '42' ? '43' : x)),
    ]);
    for (const r of [a, b, c, d]) expect(r.code, r.stderr).to.equal(0);
    const sample = readSample(file('a.csv'));
    expect(Object.keys(sample[0])).to.deep.equal([...FRAME_COLUMNS, 'inclusion_probability', 'design_weight']);
    for (const [stratum, n] of Object.entries(allocation)) {
      const rows = sample.filter((r) => r.district === stratum);
      expect(rows).to.have.length(n);
      for (const r of rows) {
        expect(Number(r.inclusion_probability)).to.equal(n / sizes[stratum]);
        expect(Number(r.design_weight)).to.equal(sizes[stratum] / n);
      }
    }
    expect(readFileSync(file('b.csv'), 'utf8')).to.equal(readFileSync(file('a.csv'), 'utf8'));
    const ids = (path: string) => readSample(path).map((r) => r.household_id).sort();
    expect(ids(file('c.csv'))).to.deep.equal(ids(file('a.csv')));
    expect(ids(file('d.csv'))).to.not.deep.equal(ids(file('a.csv')));
    // Original values survive unchanged (leading zeros of postcodes, umlauts).
    const original = new Map(frameRows.map((r) => [r.household_id, r]));
    for (const r of sample) expect(r.postcode).to.equal(original.get(r.household_id)?.postcode);
  });

  it('draws systematically by a sort column', async () => {
    const frame = file('frame.csv', frameToCsv(frameRows));
    const alloc = file('alloc.csv', allocationCsv);
    const [result] = await runAll([drawArgs(frame, alloc, file('s.csv'), '--method', 'systematic', '--sort', 'postcode,street')]);
    expect(result.code, result.stderr).to.equal(0);
    const sample = readSample(file('s.csv'));
    expect(sample).to.have.length(50);
    expect(sample.filter((r) => r.district === 'Stadtmitte')).to.have.length(20);
  });

  it('reads a Windows-1252 frame (German office export) and writes its umlauts as UTF-8', async () => {
    const lines = frameToCsv(frameRows).trim().split('\n');
    // The same frame with ';' and in Windows-1252: ä ö ü ß are single bytes, which is not valid UTF-8.
    const ansi = [lines[0], ...lines.slice(1)].map((l) => l.replaceAll(',', ';')).join('\r\n') + '\r\n';
    const framePath = file('ansi.csv');
    writeFileSync(framePath, Buffer.from(ansi, 'latin1'));
    const [ansiRun, utf8Run] = await runAll([
      drawArgs(framePath, file('alloc.csv', allocationCsv), file('ansi-sample.csv')),
      drawArgs(file('frame.csv', frameToCsv(frameRows)), file('alloc.csv'), file('utf8-sample.csv')),
    ]);
    expect(ansiRun.code, ansiRun.stderr).to.equal(0);
    expect(utf8Run.code, utf8Run.stderr).to.equal(0);
    const sample = readSample(file('ansi-sample.csv'));
    expect(sample.some((r) => /[äöüß]/.test(r.street))).to.equal(true);
    expect(sample).to.deep.equal(readSample(file('utf8-sample.csv')));
  });

  it('rejects bad arguments and data with a message, exit code ≠ 0 and no output file', async () => {
    const frame = file('frame.csv', frameToCsv(frameRows));
    const alloc = file('alloc.csv', allocationCsv);
    const lines = frameToCsv(frameRows).trim().split('\n');
    const duplicate = file('dup.csv', [...lines, lines[5]].join('\n') + '\n');
    const withAlloc = (name: string, body: string) => file(name, 'stratum,allocation\n' + body);
    const base = Object.entries(allocation).map(([s, n]) => `${s},${n}`);
    const cases: [string, string[], RegExp][] = [
      ['missing --seed', ['draw', '--frame', frame, '--id', 'household_id', '--stratum', 'district', '--allocation', alloc], /missing required option --seed/],
      ['missing --frame', ['draw', '--id', 'household_id', '--stratum', 'district', '--allocation', alloc, '--seed', '1'], /missing required option --frame/],
      ['unknown method', [...drawArgs(frame, alloc, 'x').slice(0, -2), '--method', 'pps'], /unknown --method 'pps'/],
      ['systematic without --sort', [...drawArgs(frame, alloc, 'x').slice(0, -2), '--method', 'systematic'], /missing required option --sort/],
      ['frame missing', drawArgs(join(dir, 'nope.csv'), alloc, 'x').slice(0, -2), /nope\.csv' does not exist/],
      ['allocation missing', drawArgs(frame, join(dir, 'none.csv'), 'x').slice(0, -2), /none\.csv' does not exist/],
      ['missing id column', ['draw', '--frame', frame, '--id', 'hh', '--stratum', 'district', '--allocation', alloc, '--seed', '1'], /has no column 'hh'/],
      ['missing sort column', [...drawArgs(frame, alloc, 'x').slice(0, -2), '--method', 'systematic', '--sort', 'zip'], /has no column 'zip'/],
      ['allocation without column', drawArgs(frame, file('noalloc.csv', 'stratum,n\nA,1\n'), 'x').slice(0, -2), /has no column 'allocation'/],
      ['duplicate id', drawArgs(duplicate, alloc, 'x').slice(0, -2), /duplicate id 'H000005' in column 'household_id': frame rows 5 and 601/],
      ['stratum not in frame', drawArgs(frame, withAlloc('extra.csv', [...base, 'Lusan-Brüte,3'].join('\n')), 'x').slice(0, -2), /stratum 'Lusan-Brüte', which does not occur in the frame/],
      ['frame stratum without allocation', drawArgs(frame, withAlloc('short.csv', base.slice(0, 3).join('\n')), 'x').slice(0, -2), /frame stratum 'Gera-Nord' \(N = \d+\) has no allocation/],
      ['allocation > N_h', drawArgs(frame, withAlloc('big.csv', [...base.slice(0, 3), 'Gera-Nord,100000'].join('\n')), 'x').slice(0, -2), /stratum 'Gera-Nord' is 100000, more than its N = \d+ units/],
      ['non-integer allocation', drawArgs(frame, withAlloc('frac.csv', ['Stadtmitte,2.5', ...base.slice(1)].join('\n')), 'x').slice(0, -2), /line 2, column allocation: '2.5' is not a non-negative integer/],
      ['bad seed', [...drawArgs(frame, alloc, 'x').slice(0, -4), '--seed', 'abc'], /--seed must be an integer between 0 and 4294967295, got 'abc'/],
      ['duplicate allocation row', drawArgs(frame, withAlloc('dupalloc.csv', [...base, 'Stadtmitte,1'].join('\n')), 'x').slice(0, -2), /line 6, column stratum: stratum 'Stadtmitte' appears more than once/],
    ];
    const results = await runAll(cases.map(([, args], i) => [...args, '--out', join(dir, `out-${i}.csv`)]));
    cases.forEach(([name, , message], i) => {
      expect(results[i].code, name).to.not.equal(0);
      expect(results[i].stderr, name).to.match(message);
      expect(existsSync(join(dir, `out-${i}.csv`)), `${name}: no output file`).to.equal(false);
    });
  });
});
