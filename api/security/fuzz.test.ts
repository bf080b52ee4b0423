/**
 * The hostile-input fuzz suite with a budget small enough for `npm test`; the same properties
 * with many more runs are in api/resilience/fuzz.resilience.ts (`npm run test:resilience`).
 */
import { describeHttpFuzz } from './testing/httpFuzz';

describeHttpFuzz('hostile input: every route in ACCESS_RULES (fast-check, small budget)', { randomBodies: 6, mutatedBodies: 8, queries: 6 });
