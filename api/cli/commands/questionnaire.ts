import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { formulaSafeCell } from '../../../analysis';
import { CliError, type CliCommand } from '../command';
import { loadConfig } from '../../config';
import { AppError } from '../../errors/appError';
import { render } from '../../errors/catalogue';
import { diffDetail, problemLine } from '../../questionnaire';
import {
  checkQuestionnaireVersion,
  currentIndicators,
  diffQuestionnaireVersions,
  importQuestionnaireVersion,
  listQuestionnaireVersions,
  parseVersionReference,
} from '../../questionnaire/questionnaireVersionService';
import { openStore } from '../../store';
import type { Store } from '../../store/types';

const usage = `Usage: npm run --silent cli -- questionnaire <subcommand> …

  questionnaire check FILE.json [--id ID]
      Checks a SurveyJS questionnaire without storing it. Exit 0 when it would be accepted
      (nothing on stdout; the verdict and any warnings on stderr), otherwise exit 2 and one line per
      problem on stdout and, as the error, on stderr:
      QUESTION JSON-PATH: German text / English text   (QUESTION is - for the questionnaire as a whole).
      With --id, the indicators of that questionnaire must find their questions and answer codes;
      without it, the indicators of a questionnaire whose questions the file mostly has.
  questionnaire import FILE.json --id ID [--publish]
      Checks the file as above and stores it as the next version of ID (1 for a new ID), as a
      draft or, with --publish, published. Prints ID,VERSION.
  questionnaire list
      CSV id,version,status,questions of every stored version (status draft|published|retired).
  questionnaire diff ID@A ID@B
      CSV change,question,detail from version A to B; change is added|removed|changed|choices-changed,
      detail ends with "trend break: INDICATOR …" when an indicator reads the question.

The store is MONGODB_URI when set, otherwise SQLite in --data-dir (default: DATA_DIR or ./data).
`;

/** A questionnaire file larger than this is not a questionnaire (v1 is about 80 kB). */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

const command: CliCommand = {
  summary: 'Check, import, list and compare questionnaire versions',
  usage,
  async run(argv) {
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        options: { id: { type: 'string' }, publish: { type: 'boolean' }, 'data-dir': { type: 'string' } },
        strict: true,
        allowPositionals: true,
      });
    } catch (err) {
      throw new CliError(`${(err as Error).message}\n\n${usage.trimEnd()}`);
    }
    const [subcommand, ...args] = parsed.positionals;
    const options = parsed.values;
    const expect = (count: number, what: string) => {
      if (args.length !== count) throw new CliError(`questionnaire ${subcommand} needs ${what}\n\n${usage.trimEnd()}`);
    };
    try {
      switch (subcommand) {
        case 'check': {
          expect(1, 'FILE.json');
          const check = checkQuestionnaireVersion(readQuestionnaireFile(args[0]!), options.id !== undefined ? { questionnaireId: options.id } : {});
          if (!check.ok) refuse(args[0]!, check.problems.map(problemLine));
          for (const warning of check.warnings) process.stderr.write(`warning: ${problemLine(warning)}\n`);
          // stdout holds problems only, so an accepted file leaves it empty; the verdict goes to stderr.
          process.stderr.write(`${args[0]}: accepted (${check.questions} questions, languages ${check.languages.join(', ')})\n`);
          return;
        }
        case 'import': {
          expect(1, 'FILE.json');
          if (options.id === undefined || options.id === '') throw new CliError('questionnaire import needs --id ID');
          const file = readQuestionnaireFile(args[0]!);
          await withStore(options['data-dir'], async (store) => {
            const check = checkQuestionnaireVersion(file, { questionnaireId: options.id!, indicators: await currentIndicators(store) });
            if (!check.ok) refuse(args[0]!, check.problems.map(problemLine));
            for (const warning of check.warnings) process.stderr.write(`warning: ${problemLine(warning)}\n`);
            const stored = await importQuestionnaireVersion(store, { questionnaireId: options.id!, file, publish: options.publish === true, actor: { id: null, username: 'cli' } });
            process.stdout.write(`${stored.questionnaireId},${stored.version}\n`);
          });
          return;
        }
        case 'list': {
          expect(0, 'no further arguments');
          await withStore(options['data-dir'], async (store) => {
            const versions = await listQuestionnaireVersions(store);
            process.stdout.write(csv(['id', 'version', 'status', 'questions'], versions.map((v) => [v.questionnaireId, v.version, v.status, v.questions])));
          });
          return;
        }
        case 'diff': {
          expect(2, 'two versions, ID@A ID@B');
          const [a, b] = [parseVersionReference(args[0]!), parseVersionReference(args[1]!)];
          await withStore(options['data-dir'], async (store) => {
            const rows = await diffQuestionnaireVersions(store, a, b);
            process.stdout.write(csv(['change', 'question', 'detail'], rows.map((r) => [r.change, r.question, diffDetail(r)])));
          });
          return;
        }
        case undefined:
          throw new CliError(`questionnaire needs a subcommand: check, import, list or diff\n\n${usage.trimEnd()}`);
        default:
          throw new CliError(`unknown subcommand '${subcommand}': use check, import, list or diff\n\n${usage.trimEnd()}`);
      }
    } catch (err) {
      if (err instanceof AppError) throw new CliError(appErrorText(err));
      throw err;
    }
  },
};

export default command;

/**
 * The problems, one per line, on stdout (for tools) and as the error on stderr; exit 2. When both
 * streams show on the same terminal, stderr only says how many, so each problem is shown once.
 */
function refuse(file: string, lines: readonly string[]): never {
  process.stdout.write(lines.map((l) => `${l}\n`).join(''));
  if (process.stdout.isTTY && process.stderr.isTTY) throw new CliError(`${file} is not accepted: ${lines.length} problem(s)`);
  throw new CliError(lines.join('\n'));
}

function readQuestionnaireFile(path: string): Uint8Array {
  try {
    const size = statSync(path).size;
    if (size > MAX_FILE_BYTES) throw new CliError(`${path} has ${size} bytes; a questionnaire file may have at most ${MAX_FILE_BYTES}`);
    return readFileSync(path);
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
}

async function withStore(dataDir: string | undefined, work: (store: Store) => Promise<void>): Promise<void> {
  let config;
  try {
    config = loadConfig({ ...process.env, ...(dataDir ? { DATA_DIR: dataDir } : {}) });
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  const store = await openStore(config);
  try {
    await work(store);
  } finally {
    await store.close();
  }
}

function csv(columns: string[], rows: (string | number)[][]): string {
  return stringify(rows, { header: true, columns, cast: { string: (x) => formulaSafeCell(x) } });
}

function appErrorText(err: AppError): string {
  const text = render(err.key, err.params);
  const message = `${text.de} / ${text.en}`;
  const details = (err.details ?? []).map((d) => `\n  ${d.path}: ${d.message}`).join('');
  return `${message}${details}`;
}
