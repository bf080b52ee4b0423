import type { Browser } from 'playwright-core';
import { createInvitedHouseholds, type InvitedHousehold } from '../../api/collection/testing/testHouseholds';
import { accessCodeHashSecret } from '../../api/secrets/accessCodeHashSecret';
import { launchBrowser } from './browser';
import { startUiTestServer, type UiTestServer } from './server';

/** What a browser suite works with: the test server, Chromium, and households invited with their plain codes. */
export interface UiSuite {
  server: UiTestServer;
  browser: Browser;
  households: InvitedHousehold[];
}

/**
 * Starts the test server and Chromium together, then invites `count` households (in `districts`, or
 * the default test districts). If inviting fails, both are stopped again before the error is thrown.
 */
export async function startUiSuite(count: number, districts?: readonly string[]): Promise<UiSuite> {
  const [server, browser] = await Promise.all([startUiTestServer(), launchBrowser()]);
  try {
    const households = await createInvitedHouseholds(server.store, accessCodeHashSecret(server.dataDir), count, districts);
    return { server, browser, households };
  } catch (err) {
    await stopUiSuite({ server, browser });
    throw err;
  }
}

/** Closes Chromium and stops the server (either may be missing when starting failed). */
export async function stopUiSuite(suite: Partial<UiSuite>): Promise<void> {
  await suite.browser?.close();
  await suite.server?.stop();
}
