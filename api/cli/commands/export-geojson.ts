/**
 * `cli export-geojson`: the results of a wave per area as GeoJSON for the city's geoportal — the stored
 * boundaries of the level (WGS 84, closed rings) with, per indicator, the direct estimate (null when
 * suppressed), its confidence interval and its flag, exactly as the results table and the downloads in
 * Auswertung (api/geography/resultsTable.ts). Nothing is written when the store has no boundaries for the
 * level, no such wave, or the wave cannot be analysed.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { loadConfig } from '../../config';
import { loadAnalysisInput } from '../../analysisWorkflow/analysisInput';
import { computeAnalysis } from '../../analysisWorkflow/computeAnalysis';
import { AppError } from '../../errors/appError';
import { currentGeometry } from '../../geography/geometryService';
import { resultsGeoJson, resultsTable } from '../../geography/resultsTable';
import { openStore } from '../../store';
import { CliError, type CliCommand } from '../command';
import { parseOptions, required } from '../io';

const usage = `Usage: npm run --silent cli -- export-geojson --out FILE.geojson [--level district|subdistrict] [--wave N] [--data-dir DIR]

Writes a GeoJSON FeatureCollection (RFC 7946, WGS 84) with one Feature per area of the level:
its stored boundary (Polygon or MultiPolygon) and as properties
  district               the area's name
  <indicator>            the direct estimate (a share 0…1), null when suppressed (disclosure control)
  <indicator>_ci_low     lower / upper limit of the 95 % confidence interval, null when suppressed
  <indicator>_ci_high
  <indicator>_flag       ok | caution (few respondents or CV > 30 %) | suppressed
  schematic              true only for drawn-up demo boundaries
  --level     district (default) | subdistrict
  --wave      the wave whose newest draw is analysed (default: the newest draw)
Uses MONGODB_URI when set, otherwise SQLite in --data-dir (default: DATA_DIR or ./data).
Exit code 2 when there are no boundaries for the level, no such wave, or no results to export.
`;

const command: CliCommand = {
  summary: 'results per area as GeoJSON (WGS 84) for the geoportal',
  usage,
  async run(argv) {
    const o = parseOptions(argv, { out: { type: 'string' }, level: { type: 'string' }, wave: { type: 'string' }, 'data-dir': { type: 'string' } }, usage);
    const out = required(o.out, 'out');
    const level = o.level ?? 'district';
    if (level !== 'district' && level !== 'subdistrict') throw new CliError(`unknown --level '${level}' (use district or subdistrict)`);
    let wave: number | null = null;
    if (o.wave !== undefined) {
      wave = Number(o.wave);
      if (!/^\d+$/.test(o.wave.trim()) || !Number.isInteger(wave) || wave < 1) throw new CliError(`--wave must be a whole number ≥ 1, got '${o.wave}'`);
    }
    let config;
    try {
      config = loadConfig({ ...process.env, ...(o['data-dir'] ? { DATA_DIR: o['data-dir'] } : {}) });
    } catch (err) {
      throw new CliError((err as Error).message);
    }
    const store = await openStore(config);
    try {
      const geometry = await currentGeometry(store, level);
      if (!geometry) throw new CliError(`the store has no ${level} boundaries; import a GeoJSON file of the boundaries first (docs/maps.md)`);
      const draws = await store.draws.list();
      const draw = wave === null ? draws[0] : draws.find((d) => d.wave === wave);
      if (!draw) throw new CliError(wave === null ? 'the store has no draw to analyse' : `the store has no draw of wave ${wave} (waves: ${[...new Set(draws.map((d) => d.wave))].sort((a, b) => a - b).join(', ') || 'none'})`);
      let run;
      try {
        run = computeAnalysis(await loadAnalysisInput(store, draw.id));
      } catch (err) {
        if (err instanceof AppError) throw new CliError(`wave ${draw.wave} cannot be analysed: ${err.message}`);
        throw err;
      }
      const collection = resultsGeoJson(geometry.geojson, resultsTable(run, level), geometry.schematic);
      const tmp = `${out}.tmp-${process.pid}`;
      try {
        writeFileSync(tmp, `${JSON.stringify(collection)}\n`);
        renameSync(tmp, out);
      } catch (err) {
        rmSync(tmp, { force: true });
        throw new CliError(`cannot write ${out}: ${(err as Error).message}`);
      }
      const suppressed = collection.features.reduce((a, f) => a + Object.entries(f.properties).filter(([k, v]) => k.endsWith('_flag') && v === 'suppressed').length, 0);
      process.stdout.write(
        `${out}: ${collection.features.length} ${level === 'district' ? 'districts' : 'sub-districts'} of wave ${run.result.wave}, ${run.result.indicators.length} indicators, ${suppressed} suppressed cells${geometry.schematic ? ' (schematic demo boundaries)' : ''}\n`,
      );
    } finally {
      await store.close();
    }
  },
};

export default command;
