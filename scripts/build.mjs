// @ts-check
/**
 * Compiles the server and the command line to JavaScript in dist/, so that nothing compiles
 * TypeScript when they start (`npm run build:api`; `npm ci` runs it as `prepare`, `npm start` and
 * `npm test` before they start anything):
 *
 *   dist/server.mjs               the API server (npm start, the Docker image)
 *   dist/cli/main.mjs             the command line; dist/cli/commands/<name>.mjs, one per command
 *   dist/cli/commands.json        every command's name and summary, so `cli --help` loads no command
 *   dist/chunks/                  code they share, and what is imported lazily (the MongoDB adapter)
 *   dist/build-inputs.json        what went in, for the stale-build check (./staleBuild.mjs)
 *
 * Our TypeScript is bundled; npm packages stay imports resolved from node_modules at run time
 * (better-sqlite3 is a native addon, pdfkit reads its font metrics from its own folder, mongoose
 * loads optional drivers by name), so `npm prune --omit=dev` keeps exactly what the bundles need.
 * A source map with the TypeScript inside lies beside each file: run with --enable-source-maps and
 * stack traces name the .ts files and lines. There are no worker scripts to compile.
 *
 * Run: node scripts/build.mjs [--if-stale]   (--if-stale: only when ./staleBuild.mjs finds a reason)
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { BUILD_INPUTS, COMMANDS_DIR, commandNames, staleReason } from './staleBuild.mjs';

const defaultRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * Builds into `<root>/dist` and returns what was written. Files are written beside their place and
 * renamed into it, so a process starting meanwhile never reads half a file; outputs of the previous
 * build that this one did not produce (chunks with another hash, a removed command) are deleted.
 * @param {string} [root] the project folder
 * @returns {Promise<{ outputs: string[], commands: { name: string, summary: string }[], seconds: number }>}
 * @throws Error with esbuild's messages when a source does not compile (dist/ is left as it was).
 */
export async function buildApi(root = defaultRoot) {
  const startedAt = Date.now();
  const dist = join(root, 'dist');
  const names = commandNames(root);
  const result = await build({ ...esbuildOptions(root, names), write: false, logLevel: 'silent' }).catch(
    (/** @type {{ errors?: { text: string, location?: { file: string, line: number } | null }[] }} */ err) => {
      const messages = (err.errors ?? []).map((e) => (e.location ? `${e.location.file}:${e.location.line}: ${e.text}` : e.text));
      throw new Error(`the server and command line do not compile:\n${messages.join('\n') || String(err)}`);
    },
  );

  const previous = readPrevious(dist);
  const outputs = result.outputFiles.map((file) => relative(dist, file.path));
  for (const file of result.outputFiles) writeAtomically(file.path, file.contents);
  for (const old of previous) if (!outputs.includes(old)) rmSync(join(dist, old), { force: true });

  // The summaries come from the compiled modules themselves; --help then reads only this list.
  const commands = [];
  for (const name of names) {
    const url = pathToFileURL(join(dist, 'cli', 'commands', `${name}.mjs`));
    url.search = `build=${startedAt}`; // a rebuild in the same process must not get the cached module
    const mod = /** @type {{ default?: { summary?: unknown } }} */ (await import(url.href));
    const summary = mod.default?.summary;
    if (typeof summary !== 'string') throw new Error(`${COMMANDS_DIR}/${name}.ts must export default a command with a summary (see api/cli/command.ts)`);
    commands.push({ name, summary });
  }
  writeAtomically(join(dist, 'cli', 'commands.json'), JSON.stringify(commands, null, 2) + '\n');

  const inputs = [...Object.keys(result.metafile.inputs), 'scripts/build.mjs', 'tsconfig.json', 'package.json'];
  /** @type {import('./staleBuild.mjs').BuildInputs} */
  const record = { startedAt, inputs, commands: names, outputs: [...outputs, 'cli/commands.json'] };
  writeAtomically(join(dist, BUILD_INPUTS), JSON.stringify(record, null, 2) + '\n');
  return { outputs: record.outputs, commands, seconds: (Date.now() - startedAt) / 1000 };
}

/**
 * What esbuild is asked to do (also read by api/operations/deployment.test.ts, which checks the
 * Docker image against the bundles' imports).
 * @param {string} root the project folder
 * @param {string[]} [names] the commands, default all of them
 * @returns {import('esbuild').BuildOptions & { metafile: true }}
 */
export function esbuildOptions(root, names = commandNames(root)) {
  return {
    absWorkingDir: root,
    entryPoints: [
      { in: 'api/server.ts', out: 'server' },
      { in: 'api/cli/main.ts', out: 'cli/main' },
      ...names.map((name) => ({ in: `${COMMANDS_DIR}/${name}.ts`, out: `cli/commands/${name}` })),
    ],
    outdir: join(root, 'dist'),
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    metafile: true,
  };
}

/** @param {string} dist @returns {string[]} the files the previous build wrote */
function readPrevious(dist) {
  try {
    return /** @type {{ outputs: string[] }} */ (JSON.parse(readFileSync(join(dist, BUILD_INPUTS), 'utf8'))).outputs;
  } catch {
    return [];
  }
}

/** @param {string} path @param {string | Uint8Array} contents */
function writeAtomically(path, contents) {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, contents);
  renameSync(tmp, path);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const onlyIfStale = process.argv.includes('--if-stale');
  const reason = onlyIfStale ? staleReason(defaultRoot) : 'asked to';
  if (reason) {
    try {
      const { commands, seconds } = await buildApi();
      process.stdout.write(`dist/: server.mjs, cli/main.mjs and ${commands.length} commands compiled in ${seconds.toFixed(1)} s\n`);
    } catch (err) {
      process.stderr.write(`build: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    }
  }
}
