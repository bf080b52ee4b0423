import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The application's folder: the nearest one above this module that holds package.json. Found from
 * the module's own place, so it is the same whether the code runs from the TypeScript sources
 * (tests, tsx) or compiled into any file under dist/ (npm start, the CLI, the Docker image). Files
 * read at run time — the built UI, the SQL migrations — are located from here.
 * @throws Error when no folder above holds a package.json (a copied bundle without its application).
 */
export const appRoot = findAppRoot(dirname(fileURLToPath(import.meta.url)));

function findAppRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json in ${start} or above it: the application's files (UI, migrations) cannot be found`);
  }
}
