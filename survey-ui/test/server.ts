import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '../../api/testing/startTestServer';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export type UiTestServer = TestServer;

/**
 * Starts the real API (demo users, temporary data directory, serving dist/ui) on an ephemeral port.
 * `demoWaves` seeds the demo's second wave too, as `npm start` does.
 * The browser tests exercise the built UI: `npm test` builds it, a local run needs `npm run build:ui`.
 */
export async function startUiTestServer(env: Record<string, string> = {}, options: { demoWaves?: boolean } = {}): Promise<UiTestServer> {
  // UI_DIR (as for the server) points the tests at a build elsewhere, e.g. of another checkout.
  const uiDir = process.env.UI_DIR ?? join(repoRoot, 'dist', 'ui');
  for (const page of ['index.html', 'teilnahme.html']) {
    if (!existsSync(join(uiDir, page))) {
      throw new Error(`${join(uiDir, page)} is missing: run "npm run build:ui" before the browser tests`);
    }
  }
  return startTestServer({ env: { UI_DIR: uiDir, ...env }, demoWaves: options.demoWaves });
}
