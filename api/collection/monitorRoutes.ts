import { Router } from 'express';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { actorOf, recordAudit } from '../audit/auditLog';
import { route } from '../http/route';
import { validate, validQuery } from '../http/validate';
import type { Store } from '../store/types';
import { formulaSafeCell } from '../../analysis';
import { fieldworkMonitor } from './fieldworkMonitor';
import { currentQuestionnaire } from './questionnaires';

const waveQuery = z.object({ wave: z.coerce.number().int().min(1).optional() });

/** Fieldwork monitor (planner, staff, admin) and the reminder list export (staff, admin). */
export function monitorRoutes(store: Store): Router {
  const router = Router();

  route(router, 'GET', '/api/fieldwork/monitor', validate({ query: waveQuery }), async (_req, res) => {
    const { wave } = validQuery<z.output<typeof waveQuery>>(res);
    const [roster, responses, paper, q, dispositions] = await Promise.all([
      store.roster.list({ wave }),
      store.responses.list(),
      store.paperEntries.list(),
      currentQuestionnaire(store),
      store.dispositions.list(),
    ]);
    const pages = Array.isArray(q.json.pages) ? q.json.pages.length : 1;
    res.set('Cache-Control', 'no-store').json(fieldworkMonitor(roster, responses, paper, pages, dispositions));
  });

  route(router, 'GET', '/api/fieldwork/reminders.csv', validate({ query: waveQuery }), async (_req, res) => {
    const { wave } = validQuery<z.output<typeof waveQuery>>(res);
    const roster = await store.roster.list({ wave });
    const submitted = new Set((await store.responses.list({ status: 'submitted' })).map((r) => r.householdId));
    // Nobody sends a reminder to a household that refused, whose letter bounced or that is no longer eligible.
    const settled = new Set((await store.dispositions.list()).map((d) => `${d.drawId}|${d.householdId}`));
    const open = roster.filter((u) => !submitted.has(u.householdId) && !settled.has(`${u.drawId}|${u.householdId}`));
    const byFrame = new Map<string, string[]>();
    for (const u of open) byFrame.set(u.frameId, [...(byFrame.get(u.frameId) ?? []), u.householdId]);
    const rows: string[][] = [];
    for (const [frameId, ids] of byFrame) {
      for (const c of await store.contacts.getMany(frameId, ids)) {
        const district = open.find((u) => u.householdId === c.householdId)!.district;
        rows.push([c.householdId, district, c.name, `${c.street} ${c.houseNumber}`, c.postcode, c.city].map(formulaSafeCell));
      }
    }
    const user = res.locals.session!.user;
    // Who exported addresses, when and how many: the export itself holds personal data.
    await recordAudit(store.audit, actorOf(user), {
      action: 'fieldwork.reminders_export',
      entityType: 'reminder_list',
      details: { households: rows.length, wave: wave ?? null, leftOutWithDisposition: roster.filter((u) => !submitted.has(u.householdId) && settled.has(`${u.drawId}|${u.householdId}`)).length },
    });
    res.set('Content-Type', 'text/csv; charset=utf-8');
    res.set('Content-Disposition', 'attachment; filename="erinnerungen.csv"');
    res.set('Cache-Control', 'no-store');
    res.send('\ufeff' + stringify([['household_id', 'district', 'name', 'street', 'postcode', 'city'], ...rows], { delimiter: ';' }));
  });

  return router;
}
