/**
 * Data retention per data class, decided by pure functions (no I/O, no clock: `now` is an argument).
 *
 * - contact data (names, addresses, register numbers of a frame): purged
 *   RETENTION_CONTACTS_DAYS_AFTER_FIELDWORK days after the frame's fieldwork ended;
 * - raw answers (responses in every channel, paper entries, resident session links): deleted
 *   RETENTION_ANSWERS_YEARS years after their last change;
 * - the audit trail (and the append-only paper-entry history, which is evidence of the keying):
 *   kept — the database refuses to delete them.
 *
 * A frame's fieldwork has ended when nothing happened on it any more: its end is the latest of
 * import, draw, reserve release, and the last change of a response or paper entry of its draws.
 * So contacts stay while returns or reminders are still coming in, and go once the frame has been
 * quiet for the configured number of days.
 */
import { z } from 'zod';
import type { FrameFieldworkFacts } from '../store/types';

export type { FrameFieldworkFacts };

export interface RetentionPolicy {
  contactsDaysAfterFieldwork: number;
  answersYears: number;
}

const envSchema = z.object({
  RETENTION_CONTACTS_DAYS_AFTER_FIELDWORK: z.coerce.number().int().min(0).max(3650).default(90),
  RETENTION_ANSWERS_YEARS: z.coerce.number().int().min(1).max(100).default(10),
});

/**
 * Reads the policy from the environment; empty values count as unset.
 * @throws Error naming the invalid variable (e.g. a negative number of days).
 */
export function loadRetentionPolicy(env: Record<string, string | undefined> = process.env): RetentionPolicy {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('RETENTION_') && v !== undefined && v.trim() !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new Error(`invalid retention configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return { contactsDaysAfterFieldwork: parsed.data.RETENTION_CONTACTS_DAYS_AFTER_FIELDWORK, answersYears: parsed.data.RETENTION_ANSWERS_YEARS };
}

/**
 * End of fieldwork of a frame: max(import, last draw, last release, last response change, last paper change).
 * ISO 8601 UTC strings of equal format compare like the instants they denote.
 * @example fieldworkEndedAt({ importedAt: '2026-01-05T…', lastDrawAt: '2026-02-01T…', … }) // → '2026-02-01T…' when nothing later happened
 */
export function fieldworkEndedAt(f: FrameFieldworkFacts): string {
  return [f.importedAt, f.lastDrawAt, f.lastReleaseAt, f.lastResponseChangeAt, f.lastPaperEntryChangeAt]
    .filter((x): x is string => x !== null)
    .reduce((a, b) => (b > a ? b : a));
}

/** The same calendar date N years earlier (29 February falls back to 28 February), in UTC. */
export function yearsBefore(now: Date, years: number): Date {
  const d = new Date(now.getTime());
  const month = d.getUTCMonth();
  d.setUTCFullYear(d.getUTCFullYear() - years);
  if (d.getUTCMonth() !== month) d.setUTCDate(0);
  return d;
}

export interface ContactPurgeDecision {
  frameId: string;
  contacts: number;
  fieldworkEndedAt: string;
  /** When the contacts became due for purging. */
  dueSince: string;
}

export interface RetentionPlan {
  policy: RetentionPolicy;
  /** Frames whose contact rows are purged now. */
  purgeContacts: ContactPurgeDecision[];
  /** Frames whose contacts are kept, and until when at the earliest. */
  keepContactsUntil: { frameId: string; contacts: number; earliestPurge: string }[];
  /** Raw answers last changed before this instant are deleted. */
  answersChangedBefore: string;
}

/**
 * Decides what retention removes at `now`. Cost: O(F) in the number of frames.
 * A frame is due when it still has contact rows, was not purged before, and
 * fieldworkEndedAt + contactsDaysAfterFieldwork ≤ now.
 * @example planRetention({ contactsDaysAfterFieldwork: 90, answersYears: 10 }, [frame], new Date('2026-11-28T00:00:00Z'))
 *   // → { purgeContacts: [...frames quiet for 90 days...], answersChangedBefore: '2016-11-28T00:00:00.000Z', … }
 */
export function planRetention(policy: RetentionPolicy, frames: readonly FrameFieldworkFacts[], now: Date): RetentionPlan {
  const purgeContacts: ContactPurgeDecision[] = [];
  const keepContactsUntil: RetentionPlan['keepContactsUntil'] = [];
  for (const f of frames) {
    if (f.contacts === 0) continue;
    const ended = fieldworkEndedAt(f);
    const due = new Date(Date.parse(ended) + policy.contactsDaysAfterFieldwork * 86_400_000).toISOString();
    if (due <= now.toISOString()) purgeContacts.push({ frameId: f.frameId, contacts: f.contacts, fieldworkEndedAt: ended, dueSince: due });
    else keepContactsUntil.push({ frameId: f.frameId, contacts: f.contacts, earliestPurge: due });
  }
  return { policy, purgeContacts, keepContactsUntil, answersChangedBefore: yearsBefore(now, policy.answersYears).toISOString() };
}
