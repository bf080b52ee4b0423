/**
 * Races on one household, shared by the fast test (a few rounds, `npm test`) and the long run
 * (many rounds, `npm run test:resilience`).
 */
import { isDeepStrictEqual } from 'node:util';
import { expect } from 'chai';
import type { InvitedHousehold } from '../../collection/testing/testHouseholds';
import { loadQuestionnaire, simulateAnswers } from '../../questionnaire';
import { ApiClient } from '../../testing/apiClient';
import type { TestServer } from '../../testing/startTestServer';
import { seededUniform } from './residentLoad';

const json = loadQuestionnaire(1);

async function resident(server: TestServer, ip: string): Promise<ApiClient> {
  const client = new ApiClient(server.url, { 'x-forwarded-for': ip });
  await client.session();
  return client;
}

/**
 * 20 devices of one household submit 20 different complete answer sets while 20 others autosave
 * at the same moment. Expected: every request answered 200 (no server error), exactly one
 * response row, submitted, holding exactly one of the submitted answer sets — never a mixture,
 * never an autosave merged into it afterwards — and every device then sees the thank-you state.
 * @returns which submitted set won, for the caller's report.
 */
export async function submitAndAutosaveRace(server: TestServer, household: InvitedHousehold, round: number): Promise<number> {
  const devices = await Promise.all(Array.from({ length: 40 }, (_, i) => resident(server, `203.0.${round % 250}.${i + 1}`)));
  const entered = await Promise.all(devices.map((d) => d.post('/api/survey/enter', { code: household.code })));
  expect(entered.map((r) => r.status)).to.deep.equal(Array(40).fill(200));
  const answerSets = Array.from({ length: 20 }, (_, i) => simulateAnswers(json, seededUniform(round * 100 + i + 1)));
  // Autosaves carry the first answer set (page by page), so any merge order is a valid draft.
  const draftPages = (json as { pages: { elements: { name: string }[] }[] }).pages.map((p) =>
    Object.fromEntries(Object.entries(answerSets[0]!).filter(([name]) => p.elements.some((e) => e.name === name))),
  );
  const send = (d: ApiClient, i: number): Promise<Response> =>
    i % 2 === 0
      ? d.post('/api/survey/submit', { answers: answerSets[i / 2]! })
      : d.request('PUT', '/api/survey/draft', { answers: draftPages[0]!, page: 0 }).then(async (first) => {
          const page = (i >> 1) % draftPages.length;
          return first.status === 200 ? d.request('PUT', '/api/survey/draft', { answers: draftPages[page]!, page }) : first;
        });
  // Requests leave in a shuffled order (seeded by the round), so the winner is not always the first sent.
  const random = seededUniform(round + 7);
  const order = devices.map((_, i) => i).sort(() => random() - 0.5);
  const pending: Promise<Response>[] = new Array(devices.length);
  for (const i of order) pending[i] = send(devices[i]!, i);
  const results = await Promise.all(pending);
  const bodies = (await Promise.all(results.map((r) => r.json()))) as { status: string }[];
  expect(results.map((r) => r.status), JSON.stringify(bodies.filter((_, i) => results[i]!.status !== 200))).to.deep.equal(Array(40).fill(200));
  bodies.forEach((b, i) => expect(i % 2 === 0 ? ['submitted'] : ['draft', 'submitted']).to.include(b.status));

  const stored = await server.store.responses.list({ householdId: household.householdId });
  expect(stored).to.have.length(1);
  expect(stored[0]).to.include({ status: 'submitted', mode: 'online' });
  const winner = answerSets.findIndex((a) => isDeepStrictEqual(a, stored[0]!.answers));
  expect(winner, 'stored answers equal one submitted set exactly').to.be.at.least(0);

  const after = await Promise.all(devices.map((d) => d.get('/api/survey/current').then((r) => r.json())));
  expect(after.every((s) => (s as { status: string }).status === 'submitted')).to.equal(true);
  return winner;
}

/**
 * Two staff members reconcile the same double-entered paper form at the same moment with
 * different resolutions. Expected: one 200, one 409 whose message tells the loser what happened
 * (in the language asked for), one stored response with the winner's resolution.
 */
export async function reconciliationRace(
  server: TestServer,
  staff: { first: ApiClient; second: ApiClient; reconcilers: [ApiClient, ApiClient] },
  household: InvitedHousehold,
  language: 'de' | 'en',
): Promise<void> {
  const form = { children_count: 2, youngest_child_age: 4, oldest_child_age: 9, single_parent: 2, adults_count: 2, life_quality: 4 };
  const id = household.householdId;
  expect((await staff.first.request('PUT', `/api/paper/entries/${id}`, { answers: form })).status).to.equal(200);
  expect((await staff.second.request('PUT', `/api/paper/entries/${id}`, { answers: { ...form, life_quality: 2 } })).status).to.equal(200);
  const view = (await (await staff.reconcilers[0].get(`/api/paper/reconcile/${id}`)).json()) as { revision: number; differences: string[] };
  expect(view.differences).to.deep.equal(['life_quality']);
  const headers = { 'accept-language': language };
  const [a, b] = await Promise.all([
    staff.reconcilers[0].post(`/api/paper/reconcile/${id}`, { revision: view.revision, resolutions: { life_quality: { choice: 'entry1' } } }, headers),
    staff.reconcilers[1].post(`/api/paper/reconcile/${id}`, { revision: view.revision, resolutions: { life_quality: { choice: 'corrected', value: 3 } } }, headers),
  ]);
  expect([a.status, b.status].sort()).to.deep.equal([200, 409]);
  const loser = (await (a.status === 409 ? a : b).json()) as { error: string };
  expect(loser.error).to.equal(
    language === 'en'
      ? 'Someone else has just saved or reconciled this form. Please reload it and check the result.'
      : 'Jemand anderes hat diesen Fragebogen gerade gespeichert oder abgeglichen. Bitte laden Sie ihn neu und prüfen Sie das Ergebnis.',
  );
  const responses = await server.store.responses.list({ householdId: id });
  expect(responses).to.have.length(1);
  expect(responses[0]!.answers.life_quality).to.equal(a.status === 200 ? 4 : 3);
}
