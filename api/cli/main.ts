/**
 * Project command line: `npm run --silent cli -- <command> [options]` (scripts/cli.mjs runs the
 * compiled dist/cli/main.mjs). Commands live one per file in ./commands and are found by file name,
 * so adding a command never touches this file. Errors go to stderr with a non-zero exit code.
 *
 * Compiled, `--help` reads the names and summaries the build wrote to commands.json beside this
 * module and loads no command (they import mongoose, better-sqlite3, pdfkit …); run from the
 * sources (tsx), it reads the modules.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CliError, type CliCommand } from './command';

const here = dirname(fileURLToPath(import.meta.url));
const commandsDir = join(here, 'commands');
/** `.mjs` in dist/, `.ts` in the sources: the commands have the extension this module has. */
const moduleExt = extname(fileURLToPath(import.meta.url));
const commandList = join(here, 'commands.json');

interface CommandSummary {
  name: string;
  summary: string;
}

function commandNames(): string[] {
  if (existsSync(commandList)) return listedCommands().map((c) => c.name);
  return readdirSync(commandsDir)
    .filter((f) => f.endsWith(moduleExt) && !f.endsWith(`.test${moduleExt}`))
    .map((f) => f.slice(0, -moduleExt.length))
    .sort();
}

function listedCommands(): CommandSummary[] {
  return JSON.parse(readFileSync(commandList, 'utf8')) as CommandSummary[];
}

async function loadCommand(name: string): Promise<CliCommand> {
  const mod = (await import(pathToFileURL(join(commandsDir, `${name}${moduleExt}`)).href)) as { default: CliCommand };
  return mod.default;
}

async function commandSummaries(): Promise<CommandSummary[]> {
  if (existsSync(commandList)) return listedCommands();
  return Promise.all(commandNames().map(async (name) => ({ name, summary: (await loadCommand(name)).summary })));
}

async function printHelp(): Promise<void> {
  const lines = ['Usage: npm run --silent cli -- <command> [options]', '', 'Commands:'];
  for (const { name, summary } of await commandSummaries()) lines.push(`  ${name.padEnd(10)} ${summary}`);
  lines.push('', 'Run `cli <command> --help` for the options of one command.');
  process.stdout.write(lines.join('\n') + '\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    await printHelp();
    return name ? 0 : 1;
  }
  if (!commandNames().includes(name)) {
    process.stderr.write(`Unknown command '${name}'. Run with --help to list the commands.\n`);
    return 2;
  }
  const command = await loadCommand(name);
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(command.usage.trimEnd() + '\n');
    return 0;
  }
  try {
    await command.run(rest);
    return 0;
  } catch (err) {
    if (err instanceof CliError) {
      process.stderr.write(`${name}: ${err.message}\n`);
      return err.exitCode;
    }
    process.stderr.write(`${name}: unexpected error: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    return 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
