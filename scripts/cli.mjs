// @ts-check
/**
 * `npm run --silent cli -- <command> [options]`: runs the compiled command line (dist/cli/main.mjs).
 * When a source is newer than the build (or nothing is built), it compiles first and says why on
 * stderr, so an edited command never runs as its old self; a source that does not compile stops
 * here with esbuild's message. Where there are no sources (the Docker image), run
 * `node --enable-source-maps dist/cli/main.mjs` directly.
 */
import { fileURLToPath } from 'node:url';
import { staleReason } from './staleBuild.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const reason = staleReason(root);
if (reason) {
  process.stderr.write(`cli: ${reason}; compiling dist/ first …\n`);
  const { buildApi } = await import('./build.mjs');
  try {
    await buildApi(root);
  } catch (err) {
    process.stderr.write(`cli: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
// Stack traces name the TypeScript files and lines (the maps lie beside the compiled modules).
process.setSourceMapsEnabled(true);
const mainUrl = new URL('../dist/cli/main.mjs', import.meta.url);
const { main } = /** @type {{ main(argv: string[]): Promise<number> }} */ (await import(mainUrl.href));
process.exitCode = await main(process.argv.slice(2));
