/** Test helpers that run the real command line in a child process, as a user would (`npm run cli`). */
import { spawn } from 'node:child_process';
import { cliEntry, ensureCompiled, repoRoot } from './compiledApp';

export { repoRoot };

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `cli <args>` from the repository root and collects its exit code and output. `env` is added to the inherited environment. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  ensureCompiled();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliEntry, ...args], { cwd: repoRoot, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs many CLI calls, a few at a time, so a busy machine is not flooded with processes. */
export async function runAll(calls: string[][], parallel = 4): Promise<CliResult[]> {
  const results: CliResult[] = new Array(calls.length);
  let next = 0;
  const worker = async () => {
    while (next < calls.length) {
      const i = next++;
      results[i] = await runCli(calls[i]!);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return results;
}
