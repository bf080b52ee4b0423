// @ts-check
/**
 * Is the compiled code in dist/ older than its sources? `npm run cli` asks before every run (and
 * rebuilds), so a developer who edited a command never runs the old one; the tests ask once.
 * Cheap on purpose (it runs before `cli --help`): one small JSON file and one stat per source
 * compiled in (about 200, ≈ 1 ms), no esbuild.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Written by ./build.mjs into dist/. */
export const BUILD_INPUTS = 'build-inputs.json';

/** Where the command modules live; one file per command, found by name. */
export const COMMANDS_DIR = 'api/cli/commands';

/**
 * @typedef {object} BuildInputs
 * @property {number} startedAt  when the build started reading the sources (ms since 1970)
 * @property {string[]} inputs   every file compiled in, relative to the project folder
 * @property {string[]} commands the command names compiled
 * @property {string[]} outputs  the files written, relative to dist/
 */

/**
 * The command names: `api/cli/commands/<name>.ts`, tests left out, sorted.
 * @param {string} root the project folder
 * @returns {string[]}
 */
export function commandNames(root) {
  return readdirSync(join(root, COMMANDS_DIR))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
}

/**
 * Why dist/ must be rebuilt, or null when it is current: nothing built yet, an output missing, a
 * source compiled in changed or removed after the build started, or a command file added or removed.
 * A new file is noticed through the file that imports it (that file changed too).
 * @param {string} root the project folder
 * @returns {string | null} a sentence for the user
 * @example staleReason('/srv/app') // → 'api/cli/commands/draw.ts changed since the last build'
 */
export function staleReason(root) {
  const dist = join(root, 'dist');
  /** @type {BuildInputs} */
  let built;
  try {
    built = JSON.parse(readFileSync(join(dist, BUILD_INPUTS), 'utf8'));
  } catch {
    return 'the server and command line are not compiled yet (no dist/build-inputs.json)';
  }
  for (const output of built.outputs) {
    if (!exists(join(dist, output))) return `dist/${output} is missing`;
  }
  for (const input of built.inputs) {
    const mtime = modified(join(root, input));
    if (mtime === null) return `${input} was removed since the last build`;
    if (mtime > built.startedAt) return `${input} changed since the last build`;
  }
  const names = commandNames(root);
  const added = names.filter((n) => !built.commands.includes(n));
  const removed = built.commands.filter((n) => !names.includes(n));
  if (added.length || removed.length) {
    return `commands ${[...added.map((n) => `${n} added`), ...removed.map((n) => `${n} removed`)].join(', ')} since the last build`;
  }
  return null;
}

/** @param {string} path */
function modified(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

/** @param {string} path */
function exists(path) {
  return modified(path) !== null;
}
