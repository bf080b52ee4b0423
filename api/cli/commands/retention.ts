import { CliError, type CliCommand } from '../command';
import { parseOptions } from '../io';
import { loadConfig } from '../../config';
import { runRetention } from '../../operations/retentionJob';
import { loadRetentionPolicy } from '../../operations/retentionPolicy';
import { openStore } from '../../store';

const usage = `Usage: npm run --silent cli -- retention [--dry-run [--now ISO-DATE]] [--data-dir DIR]

Applies the retention policy to the store (the API servers also do this once a day):
  contact data of a frame   purged RETENTION_CONTACTS_DAYS_AFTER_FIELDWORK days (default 90)
                            after its fieldwork ended (last draw, release, response or paper change)
  raw answers               deleted RETENTION_ANSWERS_YEARS years (default 10) after their last change
  audit trail               kept (append-only)
Each applied run writes an audit entry with the counts. --dry-run only reports what would be
removed (optionally as of --now) and changes nothing.
`;

const command: CliCommand = {
  summary: 'Apply the data retention policy (contacts after fieldwork, answers after N years)',
  usage,
  async run(argv) {
    const options = parseOptions(argv, { 'dry-run': { type: 'boolean' }, now: { type: 'string' }, 'data-dir': { type: 'string' } }, usage);
    const dryRun = options['dry-run'] === true;
    if (options.now !== undefined && !dryRun) throw new CliError('--now is only allowed with --dry-run (an applied run always uses the current time)');
    const now = options.now === undefined ? new Date() : new Date(options.now);
    if (Number.isNaN(now.getTime())) throw new CliError(`--now must be an ISO date such as 2027-01-31, got '${options.now}'`);
    let config;
    let policy;
    try {
      config = loadConfig({ ...process.env, ...(options['data-dir'] ? { DATA_DIR: options['data-dir'] } : {}) });
      policy = loadRetentionPolicy(process.env);
    } catch (err) {
      throw new CliError((err as Error).message);
    }
    const store = await openStore(config);
    const data = await store.openRetentionData();
    try {
      const run = await runRetention({ store, data, policy, now, dryRun, actor: { id: null, username: 'cli' } });
      if (run.status === 'skipped-lease-held') {
        process.stdout.write('Another instance is applying retention right now; nothing done.\n');
        return;
      }
      const plan = run.plan!;
      const verb = dryRun ? 'would be' : 'were';
      const lines = [
        `Retention ${dryRun ? 'dry run' : 'applied'} at ${now.toISOString()} (contacts ${policy.contactsDaysAfterFieldwork} days after fieldwork, answers ${policy.answersYears} years, audit kept)`,
        `  contacts: ${run.contactsPurged.reduce((a, c) => a + c.removed, 0)} ${verb} purged in ${run.contactsPurged.length} frame(s)${run.contactsPurged.map((c) => `\n    ${c.frameId}: ${c.removed}`).join('')}`,
        ...plan.keepContactsUntil.map((k) => `    ${k.frameId}: ${k.contacts} kept until at least ${k.earliestPurge}`),
        `  answers last changed before ${plan.answersChangedBefore}: ${run.answers!.responses} responses, ${run.answers!.paperEntries} paper entries, ${run.answers!.surveyLinks} session links, ${run.answers!.dispositions} returns without questionnaire ${verb} deleted`,
        `  kept: audit trail, ${run.answers!.paperHistoryKept} paper-entry history rows (append-only evidence)`,
        ...(dryRun ? ['  Nothing was changed.'] : ['  Recorded in the audit trail as retention.run.']),
      ];
      process.stdout.write(lines.join('\n') + '\n');
    } finally {
      await data.close();
      await store.close();
    }
  },
};

export default command;
