/**
 * Hostile files for both CSV importers: the frame import over HTTP (upload → import job) and the
 * population-margins file of `cli weights --margins`. Random bytes, truncated files, Windows-1252
 * and UTF-16 instead of UTF-8, huge fields and formula cells must end in a clear refusal (4xx, a
 * rejected import with row errors, or CLI exit code 2) or a correct import — never a 500, a failed
 * job or an unexpected CLI error, and a refused file stores nothing.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { CliError } from '../cli/command';
import weights from '../cli/commands/weights';
import { repoRoot } from '../testing/runCli';
import type { ApiClient } from '../testing/apiClient';
import { FRAME_HEADER as HEADER, frameCsv, importFrameFile as importFile, type ImportOutcome } from './testing/frameFiles';
import { FORMULA_PAYLOADS, SCRIPT_PAYLOADS, SQL_INJECTION } from './testing/hostileInput';
import { clientAs, startSecurityServer, storeCounts, type SecurityServer } from './testing/securityServer';


/** Household rows whose address fields include umlauts, formulas, script and SQL text. */
const hostileText = fc.oneof(
  fc.constantFrom(...FORMULA_PAYLOADS.filter((f) => !/^[\t\r]/.test(f)), ...SCRIPT_PAYLOADS, ...SQL_INJECTION, 'Müller-Lüdenscheidt', 'Straße des Friedens', 'Ærøskøbing'),
  fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== '' && !/[\u0000-\u001f\u007f-\u009f\u2028\u2029"]/.test(s) && s === s.trim()),
);
const frameRows = fc.array(fc.tuple(hostileText, hostileText, hostileText), { minLength: 1, maxLength: 12 }).map((rows) =>
  rows.map(([name, street, city], i) => [`R${i}`, i % 2 === 0 ? '01' : '02', name, street, String(i + 1), '07545', city]),
);

describe('hostile CSV files: frame import over HTTP and the margins file of the CLI', function () {
  this.timeout(300_000);
  let server: SecurityServer;
  let planner: ApiClient;

  before(async () => {
    server = await startSecurityServer();
    planner = await clientAs(server, 'planner');
  });
  after(() => server?.stop());

  /** Imports the file and checks: never 500/failed; refused → nothing stored; done → one frame more. */
  async function importChecked(bytes: Uint8Array): Promise<ImportOutcome> {
    const before = await storeCounts(server.store);
    const outcome = await importFile(planner, bytes);
    const after = await storeCounts(server.store);
    expect(outcome.state ?? 'refused', `${outcome.message ?? ''} ${JSON.stringify(outcome.errors ?? []).slice(0, 300)}`).to.not.equal('failed');
    if (outcome.state === 'done') {
      expect(after.frames).to.equal(before.frames + 1);
    } else {
      expect({ ...after, audit: 0 }, 'a refused file stored something').to.deep.equal({ ...before, audit: 0 });
      for (const e of outcome.errors ?? []) {
        expect(e.row).to.be.a('number');
        expect(e.reason).to.be.a('string').and.not.equal('');
      }
      if (outcome.state === 'rejected') expect(outcome.errors!.length).to.be.greaterThan(0);
    }
    return outcome;
  }

  it('random bytes, with and without a valid header → refused clearly or imported, never a failed job', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.uint8Array({ maxLength: 3000 }), async (withHeader, noise) => {
        const head = withHeader ? Buffer.from(HEADER.join(';') + '\r\n') : Buffer.alloc(0);
        await importChecked(Buffer.concat([head, Buffer.from(noise)]));
      }),
      { numRuns: 15 },
    );
  });

  it('valid files in UTF-8, UTF-8 with BOM and Windows-1252 import every field exactly, formulas and script as plain text', async () => {
    await fc.assert(
      fc.asyncProperty(frameRows, fc.constantFrom('utf-8', 'utf-8-bom', 'windows-1252'), async (rows, encoding) => {
        const text = frameCsv(rows);
        if (encoding === 'windows-1252' && iconv.decode(iconv.encode(text, 'win1252'), 'win1252') !== text) return; // not representable in Windows-1252
        const bytes = encoding === 'windows-1252' ? iconv.encode(text, 'win1252') : Buffer.from((encoding === 'utf-8-bom' ? '\uFEFF' : '') + text, 'utf8');
        const outcome = await importChecked(bytes);
        expect(outcome.state, JSON.stringify(outcome.errors)).to.equal('done');
        const households = await server.store.households.listByFrame(outcome.frameId!);
        const contacts = await server.store.contacts.getMany(outcome.frameId!, households.map((h) => h.householdId));
        const stored = contacts.map((c) => [c.registerId, c.name, c.street, c.city]).sort();
        expect(stored).to.deep.equal(rows.map((r) => [r[0], r[2], r[3], r[6]]).sort());
      }),
      { numRuns: 10 },
    );
  });

  it('truncated files → imported up to a whole row, or rejected naming the row; never half-stored', async () => {
    await fc.assert(
      fc.asyncProperty(frameRows, fc.double({ min: 0, max: 1, noNaN: true }), async (rows, cut) => {
        const bytes = Buffer.from(frameCsv(rows), 'utf8');
        const outcome = await importChecked(bytes.subarray(0, Math.floor(bytes.length * cut)));
        if (outcome.state === 'done') {
          const stored = await server.store.households.countByFrame(outcome.frameId!);
          expect(stored).to.be.at.most(rows.length);
        }
      }),
      { numRuns: 12 },
    );
  });

  it('UTF-16 and a 2 MB field are refused with a reason; a 100 kB name imports', async () => {
    const text = frameCsv([['R1', '01', 'Anna', 'Weg', '1', '07545', 'Gera']]);
    const utf16 = await importChecked(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect(utf16.state ?? 'refused').to.not.equal('done');
    const huge = await importChecked(Buffer.from(frameCsv([['R1', '01', 'x'.repeat(2_000_000), 'Weg', '1', '07545', 'Gera']]), 'utf8'));
    expect(huge.state ?? 'refused').to.be.oneOf(['done', 'rejected', 'refused']);
    const long = await importChecked(Buffer.from(frameCsv([['R1', '01', 'y'.repeat(100_000), 'Weg', '1', '07545', 'Gera']]), 'utf8'));
    expect(long.state).to.equal('done');
  });

  it('a file over the upload limit is refused with 413 and a message before it is read', async () => {
    const cookie = planner.sessionCookie()!;
    const { request } = await import('node:http');
    const url = new URL(`${server.url}/api/sampling/uploads`);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { cookie, 'x-csrf-token': planner.csrfToken!, 'content-type': 'text/csv', 'content-length': String(600 * 1024 * 1024) } }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject);
      req.write('id;bezirk\n');
    });
    expect(answer.status).to.equal(413);
    expect(JSON.parse(answer.body).error).to.match(/zu groß/);
  });

  describe('population margins file (cli weights --margins)', () => {
    let dir: string;
    const fixtures = join(repoRoot, 'fixtures', 'analysis');
    before(() => (dir = mkdtempSync(join(tmpdir(), 'margins-fuzz-'))));
    after(() => rmSync(dir, { recursive: true, force: true }));

    /**
     * Runs the real command in this process, mapping its outcome as api/cli/main.ts does: a CliError
     * is exit code 2 with its message, anything else an unexpected error (exit 1).
     */
    async function weightsWith(margins: Uint8Array): Promise<{ code: number; stderr: string; out: string }> {
      const file = join(dir, 'margins.csv');
      const out = join(dir, 'weights.csv');
      rmSync(out, { force: true });
      writeFileSync(file, margins);
      try {
        await weights.run(['--data', join(fixtures, 'gera_respondents.csv'), '--id', 'household_id', '--strata', 'district', '--weight', 'design_weight', '--fpc', 'N_h', '--margins', file, '--calfun', 'raking', '--out', out]);
        return { code: 0, stderr: '', out };
      } catch (err) {
        if (err instanceof CliError) return { code: err.exitCode, stderr: `weights: ${err.message}\n`, out };
        return { code: 1, stderr: `weights: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`, out };
      }
    }

    /** Exit 0 with an output file, or exit 2 with a message and no output file; never exit 1 (unexpected error). */
    async function marginsChecked(bytes: Uint8Array): Promise<{ code: number; stderr: string }> {
      const result = await weightsWith(bytes);
      expect(result.code, result.stderr).to.be.oneOf([0, 2]);
      if (result.code === 2) {
        expect(result.stderr).to.match(/^weights: \S/);
        expect(existsSync(result.out), 'output written despite the error').to.equal(false);
      } else expect(existsSync(result.out)).to.equal(true);
      return result;
    }

    const valid = (): string => readFileSync(join(fixtures, 'gera_margins.csv'), 'utf8');

    it('the unmodified margins file calibrates (exit 0)', async () => {
      expect((await marginsChecked(Buffer.from(valid()))).code).to.equal(0);
    });

    it('random bytes and truncated files → exit 2 with a message, no output file', async () => {
      const good = Buffer.from(valid());
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 400 }), fc.nat({ max: good.length - 1 }).map((n) => good.subarray(0, n))), async (bytes) => {
          await marginsChecked(bytes);
        }),
        { numRuns: 15 },
      );
    });

    it('formula, script and SQL cells, huge fields and Windows-1252 umlauts → exit 2 naming the problem', async () => {
      const cases: [string, Uint8Array, RegExp][] = [
        ['formula total', Buffer.from(valid().replace(',1450', ",=cmd|' /C calc'!A0")), /row 1 \(district = Stadtmitte\) has a non-numeric total '=cmd/],
        ['formula category', Buffer.from(valid().replace('"Stadtmitte"', '"=HYPERLINK(""http://x"")"')), /'Stadtmitte' of 'district' .* missing from the population margins/],
        ['script category', Buffer.from(valid().replace('"Debschwitz"', '"<script>alert(1)</script>"')), /'Debschwitz' of 'district' .* missing from the population margins/],
        ['SQL variable', Buffer.from(valid().replace('"district","Stadtmitte"', '"district\' OR 1=1 --","Stadtmitte"')), /margin variable 'district' OR 1=1 --' is not a column/],
        ['huge field', Buffer.from(valid().replace('"Gera-Ost"', `"${'L'.repeat(1_000_000)}"`)), /'Gera-Ost' of 'district' .* missing from the population margins/],
        ['Windows-1252 umlauts', iconv.encode(valid(), 'win1252'), /is not UTF-8 text .*CSV UTF-8/],
      ];
      for (const [what, bytes, message] of cases) {
        const result = await marginsChecked(bytes);
        if (process.env.SHOW_MESSAGES) console.log(what, result.stderr.slice(0, 300));
        expect(result.code, `${what}: ${result.stderr}`).to.equal(2);
        expect(result.stderr.slice(0, 2000), what).to.match(message);
      }
    });
  });
});
