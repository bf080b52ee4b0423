/**
 * Access-code brute force through the real HTTP stack: 100,000 guesses of well-formed random
 * codes (right check character, so every guess reaches the lookup) from 2,000 simulated client
 * addresses, against an installation with thousands of valid codes. The per-client limit stops
 * each address after 10 failures, the global limit stops all of them together after 2,000 (for
 * 5 min; a run longer than that sees one more burst of at most 2,000 per lock period). No guess
 * may be accepted and no request may fail with a server error.
 *
 * The server trusts X-Forwarded-For here (TRUST_PROXY=true, as behind the city's reverse proxy),
 * so each simulated client is one address; without a trusted proxy every guess would count
 * against the one proxy address and the per-client limit alone would stop the attack at 10.
 */
import { Agent } from 'node:http';
import { expect } from 'chai';
import { ACCESS_CODE_ALPHABET, ACCESS_CODE_ENTROPY_BITS, ACCESS_CODE_PAYLOAD_LENGTH, generateAccessCode } from '../codes';
import { DEFAULT_CODE_POLICY } from '../collection/residentService';
import { createInvitedHouseholds } from '../collection/testing/testHouseholds';
import { accessCodeHashSecret } from '../secrets/accessCodeHashSecret';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import { httpJson, runPool, type HttpResult } from './testing/residentLoad';

const GUESSES = 100_000;
const CLIENTS = 2_000;
const IN_FLIGHT = 64;

interface Tally {
  attempts: number;
  accepted: number;
  rejected: number;
  throttled: number;
  other: Map<number, number>;
}

const emptyTally = (): Tally => ({ attempts: 0, accepted: 0, rejected: 0, throttled: 0, other: new Map() });

function count(tally: Tally, res: HttpResult): void {
  tally.attempts++;
  if (res.status === 200) tally.accepted++;
  else if (res.status === 404) tally.rejected++;
  else if (res.status === 429) tally.throttled++;
  else tally.other.set(res.status, (tally.other.get(res.status) ?? 0) + 1);
}

/** A simulated client: its own address, session and CSRF token. */
async function attacker(agent: Agent, server: TestServer, address: string) {
  const session = await httpJson(agent, server.url, 'GET', '/api/session', undefined, { 'x-forwarded-for': address });
  const cookie = ([] as string[]).concat(session.headers['set-cookie'] ?? []).find((c) => c.startsWith('sid='))!.split(';')[0]!;
  const headers = { 'x-forwarded-for': address, cookie, 'x-csrf-token': (session.body as { csrfToken: string }).csrfToken };
  return (code: string) => httpJson(agent, server.url, 'POST', '/api/survey/enter', { code }, headers);
}

const address = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

describe('access codes: brute force over HTTP', function () {
  this.timeout(40 * 60_000);
  let server: TestServer;
  let validCodes: number;
  let realCode: string;
  const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });

  before(async () => {
    server = await startTestServer({ env: { TRUST_PROXY: 'true' } });
    realCode = (await createInvitedHouseholds(server.store, accessCodeHashSecret(server.dataDir), 1_000))[0]!.code;
    const codes = await Promise.all((await server.store.draws.list()).map((d) => server.store.accessCodes.listByDraw(d.id)));
    validCodes = codes.flat().filter((c) => c.revokedAt === null).length;
  });
  after(async () => {
    agent.destroy();
    await server?.stop();
  });

  it('locks one client out after 10 failures, also for its right code', async () => {
    const guess = await attacker(agent, server, '192.0.2.1');
    const tally = emptyTally();
    for (let i = 0; i < 100; i++) count(tally, await guess(generateAccessCode()));
    const right = await guess(realCode);
    console.log(`    one client: ${tally.attempts} guesses → rejected ${tally.rejected}, throttled ${tally.throttled}, accepted ${tally.accepted}; its right code afterwards: ${right.status}`);
    expect(tally).to.deep.include({ rejected: DEFAULT_CODE_POLICY.perClient.maxFailures - 1, throttled: 100 - 9, accepted: 0 });
    expect(right.status).to.equal(429);
  });

  it(`accepts none of ${GUESSES.toLocaleString('en')} guesses from ${CLIENTS.toLocaleString('en')} clients; the global limit holds`, async () => {
    const perClient = GUESSES / CLIENTS;
    const tally = emptyTally();
    const rejectedByClient = new Map<string, number>();
    const started = Date.now();
    await runPool(
      Array.from({ length: CLIENTS }, (_, i) => address(i + 1)),
      IN_FLIGHT,
      async (addr) => {
        const guess = await attacker(agent, server, addr);
        for (let i = 0; i < perClient; i++) {
          const res = await guess(generateAccessCode());
          count(tally, res);
          if (res.status === 404) rejectedByClient.set(addr, (rejectedByClient.get(addr) ?? 0) + 1);
        }
      },
    );
    const seconds = (Date.now() - started) / 1000;

    // Even a right code is refused while everybody is locked out (the price of the global limit).
    const lateResident = await attacker(agent, server, '198.51.100.200');
    const right = await lateResident(realCode);
    const lockouts = (await server.store.audit.list({ limit: 1000, offset: 0 })).filter((e) => e.action === 'survey.code_lockout');

    const scopes = lockouts.map((e) => (e.details as { scope: string }).scope);
    const space = ACCESS_CODE_ALPHABET.length ** ACCESS_CODE_PAYLOAD_LENGTH;
    const { global } = DEFAULT_CODE_POLICY;
    const guessesPerDay = (global.maxFailures / global.lockMs) * 86_400_000;
    const expectedGuesses = space / validCodes;
    const years = expectedGuesses / guessesPerDay / 365.25;
    console.log(
      [
        `    ${tally.attempts} guesses from ${CLIENTS} addresses in ${seconds.toFixed(1)} s (${Math.round(tally.attempts / seconds)} per second; ${Math.floor((seconds * 1000) / global.lockMs) + 1} global lock period(s) long)`,
        `    accepted: ${tally.accepted}, rejected (404): ${tally.rejected}, throttled (429): ${tally.throttled}, other: ${JSON.stringify(Object.fromEntries(tally.other))}`,
        `    most rejections for one address: ${Math.max(...rejectedByClient.values())}; a right code after the attack: ${right.status} (Retry-After ${right.headers['retry-after']} s)`,
        `    lockouts audited: all-clients ${scopes.filter((s) => s === 'all-clients').length}, client-address ${scopes.filter((s) => s === 'client-address').length}`,
        `    code space 31^13 = ${space.toExponential(3)} (${ACCESS_CODE_ENTROPY_BITS.toFixed(1)} bits), valid codes N = ${validCodes}`,
        `    expected guesses to hit any valid code: space / N = ${expectedGuesses.toExponential(2)}`,
        `    at the global limit (${global.maxFailures} failures, then ${global.lockMs / 60_000} min locked): ≤ ${Math.round(guessesPerDay).toLocaleString('en')} guesses/day → ${years.toExponential(2)} years`,
      ].join('\n'),
    );

    expect(tally.attempts).to.equal(GUESSES);
    expect(tally.accepted).to.equal(0);
    expect(tally.other.size, 'server errors or other statuses').to.equal(0);
    // At most maxFailures wrong codes are evaluated per global lock cycle; a slow run outlasts
    // the 5 min lock and starts another cycle, which the audit shows as another lockout.
    const cycles = Math.floor((seconds * 1000) / global.lockMs) + 1;
    expect(scopes.filter((s) => s === 'all-clients').length).to.be.within(1, cycles);
    expect(tally.rejected).to.be.at.most(global.maxFailures * cycles);
    expect(tally.rejected + tally.throttled).to.equal(GUESSES);
    expect(Math.max(...rejectedByClient.values())).to.be.at.most(DEFAULT_CODE_POLICY.perClient.maxFailures - 1);
    expect(right.status).to.equal(429);
    expect(years).to.be.greaterThan(1e6);
  });
});
