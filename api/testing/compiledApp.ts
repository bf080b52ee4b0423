/**
 * Test support: the compiled server and command line in dist/ (scripts/build.mjs), which is what
 * users run. Tests that spawn them call ensureCompiled() first; it compiles once per test process
 * when a source is newer than the build (as `npm run cli` does), so a test never runs stale code.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** `npm start` and the Docker image run this (with --enable-source-maps). */
export const serverEntry = join(repoRoot, 'dist', 'server.mjs');

/** `npm run cli` runs this: the stale-build check, then dist/cli/main.mjs in the same process. */
export const cliEntry = join(repoRoot, 'scripts', 'cli.mjs');

let compiled = false;

/** @throws Error with the compiler's message when a source does not compile. */
export function ensureCompiled(): void {
  if (compiled) return;
  const build = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'build.mjs'), '--if-stale'], { cwd: repoRoot, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`compiling dist/ failed:\n${build.stderr || build.error?.message}`);
  compiled = true;
}
