/**
 * The retention job: applies the retention policy (./retentionPolicy) to the store and writes one
 * audit entry with the counts. Runs from the CLI (`cli retention [--dry-run]`) and daily inside
 * every API server (startRetentionSchedule); a lease in the store's meta data lets exactly one of
 * several instances do the work, and `retention.lastRunAt` keeps it to once a day.
 */
import { hostname } from 'node:os';
import { recordAudit, SYSTEM_ACTOR, type Actor } from '../audit/auditLog';
import { purgeContacts } from '../samplingWorkflow/lettersService';
import type { ExpiredAnswers, RetentionData, Store } from '../store/types';

import { planRetention, type RetentionPlan, type RetentionPolicy } from './retentionPolicy';

export const LAST_RUN_KEY = 'retention.lastRunAt';
const DAY_MS = 86_400_000;
/** Longer than any run takes; a crashed holder's lease simply runs out. */
const LEASE_MS = 30 * 60_000;

export interface RetentionRun {
  status: 'applied' | 'dry-run' | 'skipped-lease-held' | 'skipped-ran-recently';
  plan: RetentionPlan | null;
  contactsPurged: { frameId: string; removed: number }[];
  answers: ExpiredAnswers | null;
}

export interface RetentionRunOptions {
  store: Store;
  data: RetentionData;
  policy: RetentionPolicy;
  now: Date;
  dryRun: boolean;
  /** Who asked: the system (schedule) or an operator at the command line. */
  actor?: Actor;
  /** Skip when the last run is younger than this (the daily schedule); 0 = always run. */
  minIntervalMs?: number;
  holder?: string;
}

/**
 * Plans and (unless dryRun) applies retention. A dry run changes nothing and writes no audit entry.
 * @returns what was (or would be) removed, or why the run was skipped.
 */
export async function runRetention(o: RetentionRunOptions): Promise<RetentionRun> {
  const skipped = (status: RetentionRun['status']): RetentionRun => ({ status, plan: null, contactsPurged: [], answers: null });
  if (o.dryRun) {
    const plan = planRetention(o.policy, await o.data.frameFacts(), o.now);
    return { status: 'dry-run', plan, contactsPurged: plan.purgeContacts.map((p) => ({ frameId: p.frameId, removed: p.contacts })), answers: await o.data.expiredAnswers(plan.answersChangedBefore, false) };
  }
  const holder = o.holder ?? `${hostname()}:${process.pid}`;
  const leased = await o.data.acquireLease(holder, o.now.toISOString(), new Date(o.now.getTime() + LEASE_MS).toISOString());
  if (!leased) return skipped('skipped-lease-held');
  try {
    const lastRun = await o.store.meta.get(LAST_RUN_KEY);
    if (o.minIntervalMs && lastRun && o.now.getTime() - Date.parse(lastRun) < o.minIntervalMs) return skipped('skipped-ran-recently');
    const plan = planRetention(o.policy, await o.data.frameFacts(), o.now);
    const actor = o.actor ?? SYSTEM_ACTOR;
    const contactsPurged: RetentionRun['contactsPurged'] = [];
    for (const decision of plan.purgeContacts) {
      // The same audited purge an administrator triggers by hand; it audits each frame itself.
      const { removed } = await purgeContacts(o.store, decision.frameId, actor);
      contactsPurged.push({ frameId: decision.frameId, removed });
    }
    const answers = await o.data.expiredAnswers(plan.answersChangedBefore, true);
    await recordAudit(o.store.audit, actor, {
      action: 'retention.run',
      entityType: 'store',
      afterSummary: `contacts of ${contactsPurged.length} frame(s) purged; ${answers.responses} responses, ${answers.paperEntries} paper entries, ${answers.dispositions} returns without questionnaire deleted`,
      details: {
        policy: { ...o.policy },
        contactsPurged,
        contactsKept: plan.keepContactsUntil,
        answersChangedBefore: plan.answersChangedBefore,
        responsesDeleted: answers.responses,
        paperEntriesDeleted: answers.paperEntries,
        surveyLinksDeleted: answers.surveyLinks,
        paperHistoryKept: answers.paperHistoryKept,
        dispositionsDeleted: answers.dispositions,
        auditKept: true,
      },
    });
    await o.store.meta.set(LAST_RUN_KEY, o.now.toISOString());
    return { status: 'applied', plan, contactsPurged, answers };
  } finally {
    await o.data.releaseLease(holder);
  }
}

export interface RetentionSchedule {
  /** Resolves when a run in progress has finished. */
  stop(): Promise<void>;
}

export interface RetentionScheduleOptions {
  store: Store;
  openData: () => Promise<RetentionData>;
  policy: RetentionPolicy;
  /** How often to look whether a day has passed since the last run; default hourly. */
  checkEveryMs?: number;
  now?: () => Date;
  onRun?: (run: RetentionRun) => void;
  onError?: (err: unknown) => void;
  holder?: string;
}

/**
 * Checks periodically (first check soon after start) and runs retention when the last run is a day
 * old. The timer is unref'd, so it never keeps a stopping server alive.
 */
export function startRetentionSchedule(o: RetentionScheduleOptions): RetentionSchedule {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (stopped || running) return;
    running = (async () => {
      const data = await o.openData();
      try {
        const run = await runRetention({ store: o.store, data, policy: o.policy, now: (o.now ?? (() => new Date()))(), dryRun: false, minIntervalMs: DAY_MS, holder: o.holder });
        o.onRun?.(run);
      } finally {
        await data.close();
      }
    })()
      .catch((err: unknown) => o.onError?.(err))
      .finally(() => (running = null));
  };
  const every = o.checkEveryMs ?? 60 * 60_000;
  const first = setTimeout(tick, Math.min(every, 60_000));
  const timer = setInterval(tick, every);
  first.unref();
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
