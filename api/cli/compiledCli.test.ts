/**
 * The command line as `npm run cli` runs it (scripts/cli.mjs → dist/cli/main.mjs): a project
 * compiles before its first run, an edited or added command is compiled again before it runs, a
 * source that does not compile stops the run; `--help` lists every command without loading one.
 * The rebuild cases run in a small project of their own (the real main.ts, command.ts and build
 * scripts, a toy command), so they never touch this tree's dist/.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'chai';
import type { CliCommand } from './command';
import { cliEntry, ensureCompiled, repoRoot } from '../testing/compiledApp';

const toyCommand = (name: string, says: string) => `import type { CliCommand } from '../command';
const command: CliCommand = {
  summary: 'says ${says}',
  usage: 'Usage: cli ${name}',
  async run() {
    process.stdout.write('${says}\\n');
  },
};
export default command;
`;

describe('cli as npm run cli runs it (compiled)', function () {
  this.timeout(120_000);

  describe('in a project of its own', () => {
    let project: string;
    const cli = (args: string[]) => spawnSync(process.execPath, [join(project, 'scripts', 'cli.mjs'), ...args], { cwd: project, encoding: 'utf8' });
    const writeCommand = (name: string, says: string) => writeFileSync(join(project, 'api', 'cli', 'commands', `${name}.ts`), toyCommand(name, says));

    /** Runs the toy command once, so the project is compiled. */
    const compiled = () => expect(cli(['hello']).stdout).to.equal('hello v1\n');

    // A project of its own for each test: each starts from the sources, before any build.
    beforeEach(() => {
      project = mkdtempSync(join(tmpdir(), 'cli-build-'));
      for (const f of ['build.mjs', 'staleBuild.mjs', 'cli.mjs']) cpSync(join(repoRoot, 'scripts', f), join(project, 'scripts', f));
      mkdirSync(join(project, 'api', 'cli', 'commands'), { recursive: true });
      for (const f of ['main.ts', 'command.ts']) cpSync(join(repoRoot, 'api', 'cli', f), join(project, 'api', 'cli', f));
      writeFileSync(join(project, 'api', 'server.ts'), "console.log('server');\n");
      writeFileSync(join(project, 'package.json'), '{ "type": "module" }\n');
      writeFileSync(join(project, 'tsconfig.json'), '{}\n');
      symlinkSync(join(repoRoot, 'node_modules'), join(project, 'node_modules'));
      writeCommand('hello', 'hello v1');
    });
    afterEach(() => rmSync(project, { recursive: true, force: true }));

    it('compiles before the first run and says so; the next run starts from dist/ at once', () => {
      const first = cli(['hello']);
      expect(first.status, first.stderr).to.equal(0);
      expect(first.stderr).to.contain('not compiled yet').and.contain('compiling dist/');
      expect(first.stdout).to.equal('hello v1\n');
      const second = cli(['hello']);
      expect(second.stderr).to.equal('');
      expect(second.stdout).to.equal('hello v1\n');
    });

    it('an edited command runs as edited, never as its old compiled self', () => {
      compiled();
      writeCommand('hello', 'hello v2');
      const run = cli(['hello']);
      expect(run.stderr).to.contain('api/cli/commands/hello.ts changed since the last build');
      expect(run.stdout).to.equal('hello v2\n');
    });

    it('a command file added is listed by --help and runs, without touching main.ts', () => {
      compiled();
      writeCommand('bye', 'bye v1');
      const help = cli(['--help']);
      expect(help.stderr).to.contain('commands bye added');
      expect(help.stdout).to.match(/^ {2}bye +says bye v1$/m).and.match(/^ {2}hello +says hello v1$/m);
      expect(cli(['bye']).stdout).to.equal('bye v1\n');
    });

    it('a source that does not compile stops the run with the compiler message (exit 1), and nothing runs', () => {
      compiled();
      writeFileSync(join(project, 'api', 'cli', 'commands', 'hello.ts'), 'export default {\n');
      const run = cli(['hello']);
      expect(run.status).to.equal(1);
      expect(run.stdout).to.equal('');
      expect(run.stderr).to.contain('do not compile').and.contain('api/cli/commands/hello.ts');
      writeCommand('hello', 'hello v3');
      expect(cli(['hello']).stdout).to.equal('hello v3\n');
    });
  });

  describe('this project', () => {
    before(() => ensureCompiled());

    it('--help lists every command module with its own summary', async () => {
      const names = readdirSync(join(repoRoot, 'api', 'cli', 'commands'))
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
        .map((f) => f.slice(0, -3));
      const help = spawnSync(process.execPath, [cliEntry, '--help'], { cwd: repoRoot, encoding: 'utf8' });
      expect(help.status).to.equal(0);
      const listed = help.stdout.split('\n').filter((l) => /^ {2}\S/.test(l));
      const expected: string[] = [];
      for (const name of names.sort()) {
        const mod = (await import(pathToFileURL(join(repoRoot, 'api', 'cli', 'commands', `${name}.ts`)).href)) as { default: CliCommand };
        expected.push(`  ${name.padEnd(10)} ${mod.default.summary}`);
      }
      expect(listed).to.deep.equal(expected);
    });

    it('--help loads no command module and no npm package', () => {
      // NODE_DEBUG=esm names every module the loader stores.
      const help = spawnSync(process.execPath, [cliEntry, '--help'], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NODE_DEBUG: 'esm' } });
      expect(help.status).to.equal(0);
      const loaded = [...help.stderr.matchAll(/Storing (\S+)/g)].map((m) => m[1]!);
      expect(loaded.some((url) => url.endsWith('/dist/cli/main.mjs')), 'the debug output names the modules loaded').to.equal(true);
      expect(loaded.filter((url) => url.includes('/dist/cli/commands/') || url.includes('/node_modules/'))).to.deep.equal([]);
    });
  });
});
