/**
 * `npm run bench`: runs every benchmark script in this folder, each in its own process so that one
 * benchmark's heap does not inflate the next one's peak-memory figure. `npm run bench -- sampling`
 * runs only the named ones. Each script prints its figures and the ratio against its named baseline.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const names = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts'))
  .map((f) => f.slice(0, -3))
  .filter((n) => wanted.length === 0 || wanted.includes(n))
  .sort();

if (names.length === 0) {
  console.error(`No benchmark matches '${wanted.join(', ')}'.`);
  process.exitCode = 2;
}
for (const name of names) {
  console.log(`\n=== bench/${name} ===`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(here, `${name}.ts`)], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`bench/${name} failed with exit code ${result.status}`);
    process.exitCode = 1;
  }
}
