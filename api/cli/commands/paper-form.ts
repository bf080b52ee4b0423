/**
 * `cli paper-form`: prints the paper questionnaire of one form reference as an A4 PDF and writes its
 * box layout as JSON. The questionnaire comes from the store when one is configured and holds the
 * version, otherwise from the versions the platform ships, so no store is needed for those.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../../errors/appError';
import { IDENTIFIER_PATTERN, layoutFile, paperFormsPdf, paperLayout, resolveQuestionnaire, type QuestionnaireSource } from '../../paper';
import { CliError, type CliCommand } from '../command';
import { existingStore } from '../existingStore';
import { parseOptions, required } from '../io';

const usage = `Usage: npm run --silent cli -- paper-form --questionnaire ID@VERSION --form-id FORM_ID [--lang de|en] [--large-print] --out FORM.pdf --layout LAYOUT.json [--data-dir DIR]

Prints the paper questionnaire as an A4 PDF: the same questions, order and filter logic as online
(as printed instructions), one box per choice, digit boxes for numbers, four corner fiducials and on
every page a QR code with a readable line: questionnaire id@version, language, large print, page,
layout hash and the form reference (never an access code).

  --questionnaire ID@VERSION  e.g. family-life-quality@1
  --form-id FORM_ID           the paper form reference printed on every page (letters, digits, . _ -; 1–64)
  --lang de|en                language of the form (default de)
  --large-print               larger type and 7 mm boxes
  --out FORM.pdf              the PDF
  --layout LAYOUT.json        the box layout: { formId, questionnaire, pages: [{ page, widthMm, heightMm,
                              boxes: [{ question, value, multiple, xMm, yMm, wMm, hMm }] }] }, millimetres
                              from the page's top-left corner, pages in PDF order

The questionnaire version is read from the store when MONGODB_URI is set or DATA_DIR (--data-dir)
holds one, and from the versions shipped with the platform otherwise. Exit code 2 for an unknown
questionnaire or version and for bad options.
`;

function writeAtomically(path: string, data: Buffer | string): string {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, data);
    return tmp;
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new CliError(`cannot write '${path}': ${(err as Error).message}`);
  }
}

const command: CliCommand = {
  summary: 'Print the paper questionnaire of a form reference (PDF) with its box layout (JSON)',
  usage,
  async run(argv) {
    const o = parseOptions(
      argv,
      {
        questionnaire: { type: 'string' },
        'form-id': { type: 'string' },
        lang: { type: 'string' },
        'large-print': { type: 'boolean' },
        out: { type: 'string' },
        layout: { type: 'string' },
        'data-dir': { type: 'string' },
      },
      usage,
    );
    const ref = required(o.questionnaire, 'questionnaire');
    const formId = required(o['form-id'], 'form-id');
    const out = resolve(required(o.out, 'out'));
    const layoutPath = resolve(required(o.layout, 'layout'));
    const lang = o.lang ?? 'de';
    if (lang !== 'de' && lang !== 'en') throw new CliError(`--lang must be de or en, got '${lang}'`);
    if (!IDENTIFIER_PATTERN.test(formId)) throw new CliError(`--form-id '${formId}' may only hold letters, digits, '.', '_' and '-' (1–64 characters)`);
    if (out === layoutPath) throw new CliError('--out and --layout must be different files');

    const store = await existingStore(o['data-dir']);
    let pdf: Buffer;
    let json: string;
    let pageCount = 0;
    try {
      const questionnaire = await resolveQuestionnaire(ref, store as QuestionnaireSource | undefined);
      const layout = paperLayout(questionnaire.json, { questionnaire: questionnaire.ref, lang, largePrint: o['large-print'] === true });
      pdf = await paperFormsPdf(layout, [formId]);
      pageCount = layout.pages.length;
      json = `${JSON.stringify(layoutFile(layout, formId), null, 2)}\n`;
    } catch (err) {
      if (err instanceof AppError && err.kind !== 'internal') throw new CliError(err.message);
      throw err;
    } finally {
      await store?.close();
    }
    const tmpPdf = writeAtomically(out, pdf);
    try {
      const tmpJson = writeAtomically(layoutPath, json);
      renameSync(tmpPdf, out);
      renameSync(tmpJson, layoutPath);
    } catch (err) {
      rmSync(tmpPdf, { force: true });
      throw err instanceof CliError ? err : new CliError(`cannot write '${out}': ${(err as Error).message}`);
    }
    process.stdout.write(`${out}: ${pageCount} page(s), layout in ${layoutPath}\n`);
  },
};

export default command;
