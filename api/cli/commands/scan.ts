/**
 * `cli scan`: reads scanned paper questionnaires back (optical mark recognition) without a store. Every
 * PDF, TIFF, PNG and JPEG page under --in, in any order and with any file names, is identified by its QR
 * code, registered on its four fiducials and its boxes are read; the answers go to --out as
 * `form_id,question,value,status`, one row per chosen value (per ticked value of a multiple choice),
 * `auto` when accepted without a person, `review` when a person must look (value = best guess or empty).
 * Pages that cannot be identified or registered, missing pages, duplicates and conflicting rescans are
 * reported on stderr. Exit code ≠ 0 only when nothing could be read.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { shownPath } from '../../paper/scan/loadScanPages';
import { scanFolder } from '../../paper/scan/scanFolder';
import { CliError, type CliCommand } from '../command';
import { existingStore } from '../existingStore';
import { parseOptions, required, writeCsvFile } from '../io';

const usage = `Usage: npm run --silent cli -- scan --in DIR_OR_FILE --out ANSWERS.csv [--dpi 200] [--data-dir DIR]

Reads scanned paper questionnaires (printed with cli paper-form) back. No store is needed for the
questionnaire versions the platform ships; versions imported into a store are read from it when
MONGODB_URI is set or DATA_DIR (--data-dir) holds one.
  --in    a folder (searched with its subfolders) or one file: PDF (multi-page, from an office scanner),
          TIFF (every page), PNG, JPEG; 150–600 dpi, grey or black/white, pages in any order
  --out   answers CSV: form_id,question,value,status — one row per chosen value (per ticked value of a
          multiple choice); status auto = accepted without a person, review = a person must look
          (value = the best guess or empty: two marks on a single choice, an uncertain mark,
          handwritten digits, a rescan that reads differently)
  --dpi   resolution PDF pages are rendered at (default 200)
stderr lists unidentifiable and refused pages (file and page), missing pages, duplicates and conflicts.
Exit code 0 when at least one page was read, 1 when none could be read, 2 on wrong arguments.
`;

const options = {
  in: { type: 'string' },
  out: { type: 'string' },
  dpi: { type: 'string' },
  'data-dir': { type: 'string' },
} as const;

const command: CliCommand = {
  summary: 'read scanned paper questionnaires back into answers (form_id,question,value,status)',
  usage,
  async run(argv) {
    const o = parseOptions(argv, options, usage);
    const input = resolve(required(o.in, 'in'));
    const out = required(o.out, 'out');
    const dpi = o.dpi === undefined ? 200 : Number(o.dpi);
    if (!Number.isInteger(dpi) || dpi < 100 || dpi > 600) throw new CliError(`--dpi must be a whole number from 100 to 600, got '${o.dpi}'`);
    if (!existsSync(input)) throw new CliError(`--in '${o.in}' does not exist`);
    const root = input;
    const log = (line: string) => process.stderr.write(`${line}\n`);
    const store = await existingStore(o['data-dir']);
    const { report, files, pages, skipped, unreadable } = await scanFolder(input, { dpi, store }).finally(() => store?.close());
    for (const file of skipped) log(`${shownPath(file, root)}: skipped, not a PDF, TIFF, PNG or JPEG file`);
    for (const u of unreadable) log(`${shownPath(u.file, root)}${u.pageInFile === null ? '' : ` page ${u.pageInFile}`}: unreadable: ${u.reason}`);
    const where = (s: { file: string; pageInFile: number }) => `${shownPath(s.file, root)} page ${s.pageInFile}`;
    for (const u of report.unidentified) log(`${where(u.source)}: not identified: ${u.reason}`);
    for (const r of report.refused) log(`${where(r.source)}: form ${r.formId} page ${r.page} refused: ${r.reason}`);
    for (const d of report.duplicates) log(`${where(d.source)}: form ${d.formId} page ${d.page} is a duplicate of ${where(d.sameAs)}, ignored`);
    for (const f of report.forms) {
      if (f.missingPages.length > 0) log(`form ${f.formId}: missing page${f.missingPages.length > 1 ? 's' : ''} ${f.missingPages.join(', ')} of ${f.identity.pages}`);
      for (const p of f.conflictPages) log(`form ${f.formId} page ${p}: scanned more than once with different readings; the differing questions go to review`);
      for (const p of f.pages) {
        if (p.rescans.length > 0 && !f.conflictPages.includes(p.page)) log(`form ${f.formId} page ${p.page}: scanned ${p.rescans.length + 1} times (${[p.source, ...p.rescans.map((r) => r.source)].map(where).join(', ')}), same readings`);
      }
    }
    const rows = report.forms.flatMap((f) => f.answers.map((a) => [f.formId, a.question, a.value, a.status]));
    if (report.pagesRead === 0) {
      throw new CliError(`no page could be read (${files} file${files === 1 ? '' : 's'}, ${pages} page${pages === 1 ? '' : 's'})`, 1);
    }
    writeCsvFile(out, ['form_id', 'question', 'value', 'status'], rows);
    const review = rows.filter((r) => r[3] === 'review').length;
    log(`scan: ${report.pagesRead} of ${pages + unreadable.length} pages read, ${report.forms.length} form${report.forms.length === 1 ? '' : 's'}, ${rows.length} answers (${review} for review)`);
    if (report.blackAndWhitePages > 0) {
      log(`scan: ${report.blackAndWhitePages} of ${report.pagesRead} pages were scanned in black and white (1 bit): a light pen or pencil can vanish in the scanner; scan in grey (200–300 dpi) to keep every mark`);
    }
  },
};

export default command;
