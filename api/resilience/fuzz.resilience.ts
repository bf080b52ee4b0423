/**
 * The hostile-input fuzz suite with a large budget (`npm run test:resilience`): the same properties
 * as api/security/fuzz.test.ts — every route in ACCESS_RULES, random and mutated JSON bodies,
 * 10,000-deep nesting, oversize and wrong content types, odd queries and path parameters — with
 * about ten times the runs. FUZZ_SEED repeats a run; FUZZ_REPORT=1 prints the statuses per route.
 */
import { describeHttpFuzz } from '../security/testing/httpFuzz';

const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

describeHttpFuzz('hostile input: every route in ACCESS_RULES (fast-check, large budget)', { randomBodies: 60, mutatedBodies: 80, queries: 60, seed });
