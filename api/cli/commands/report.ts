import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { CliError, type CliCommand } from '../command';
import { numberOption, parseOptions, required } from '../io';
import { loadConfig } from '../../config';
import { AppError } from '../../errors/appError';
import { render } from '../../errors/catalogue';
import { districtReport, type ReportFormatName } from '../../reports/reportService';
import type { ReportLanguage } from '../../reports/reportTexts';
import { openStore } from '../../store';

const usage = `Usage: npm run --silent cli -- report --out REPORT.pdf [--lang de|en] [--wave N] [--format pdf|html] [--data-dir DIR]

Writes the district report for the council: cover, method in plain words (sample, response, weighting,
model), an overview of the districts, a city map (when a district geometry was imported), one profile per
district on a page of its own (key indicators against the city with 95 % intervals, direct or model value,
change since the previous wave, n, what is suppressed and why) and appendix tables of every indicator.
  --out FILE        the report; written atomically (temporary file, then rename)
  --lang de|en      language of the report (default de)
  --wave N          the wave to report (its newest draw); default the newest draw
  --format pdf|html default from the extension of --out (.html or .htm → html), otherwise pdf
  --data-dir DIR    SQLite store (default: DATA_DIR or ./data); MONGODB_URI selects MongoDB
Exit code 2 with a message when the wave has no draw or its data cannot be analysed yet.
`;

const command: CliCommand = {
  summary: 'Write the district report (PDF or HTML, German or English) for one wave',
  usage,
  async run(argv) {
    const options = parseOptions(
      argv,
      { out: { type: 'string' }, lang: { type: 'string' }, wave: { type: 'string' }, format: { type: 'string' }, 'data-dir': { type: 'string' } },
      usage,
    );
    const out = required(options.out, 'out');
    const lang = (options.lang ?? 'de') as ReportLanguage;
    if (lang !== 'de' && lang !== 'en') throw new CliError(`--lang must be de or en, got '${options.lang}'`);
    const wave = numberOption(options.wave, 'wave');
    if (wave !== undefined && !(Number.isInteger(wave) && wave >= 1)) throw new CliError(`--wave must be a whole number from 1, got '${options.wave}'`);
    const format = (options.format ?? (['.html', '.htm'].includes(extname(out).toLowerCase()) ? 'html' : 'pdf')) as ReportFormatName;
    if (format !== 'pdf' && format !== 'html') throw new CliError(`--format must be pdf or html, got '${options.format}'`);

    let config;
    try {
      config = loadConfig({ ...process.env, ...(options['data-dir'] ? { DATA_DIR: options['data-dir'] } : {}) });
    } catch (err) {
      throw new CliError((err as Error).message);
    }
    const started = performance.now();
    const store = await openStore(config);
    try {
      let drawId: string | undefined;
      if (wave !== undefined) {
        const draws = await store.draws.list();
        const draw = draws.find((d) => d.wave === wave);
        if (!draw) {
          const waves = [...new Set(draws.map((d) => d.wave))].sort((a, b) => a - b);
          throw new CliError(`wave ${wave} has no data: ${waves.length > 0 ? `the store has draws for wave${waves.length > 1 ? 's' : ''} ${waves.join(', ')}` : 'the store has no draw yet'}`);
        }
        drawId = draw.id;
      }
      let report;
      try {
        report = await districtReport(store, { lang, format, drawId });
      } catch (err) {
        if (err instanceof AppError) {
          throw new CliError(`${wave !== undefined ? `wave ${wave}: ` : ''}${render(err.key, err.params)[lang]}`);
        }
        throw err;
      }
      const tmp = `${out}.tmp-${process.pid}`;
      try {
        writeFileSync(tmp, report.body);
        renameSync(tmp, out);
      } catch (err) {
        rmSync(tmp, { force: true });
        throw new CliError(`cannot write '${out}': ${(err as Error).message}`);
      }
      const r = report.model;
      process.stdout.write(
        [
          `Report written to ${out} (${format.toUpperCase()}, ${lang}${report.pages !== null ? `, ${report.pages} pages` : ''})`,
          `  wave ${r.wave}, draw ${report.drawId}, data version ${report.dataVersion}, ${r.districts.length} districts`,
          `  city map: ${report.withMap ? 'yes' : 'no (no district geometry imported)'}; change since previous wave: ${r.previousWave !== null ? `wave ${r.previousWave}` : 'no previous wave'}`,
          `  took ${((performance.now() - started) / 1000).toFixed(2)} s (analysis ${(report.timings.analysisMs / 1000).toFixed(2)} s, report ${(report.timings.reportMs / 1000).toFixed(2)} s)`,
        ].join('\n') + '\n',
      );
    } finally {
      await store.close();
    }
  },
};

export default command;
