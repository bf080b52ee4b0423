import type { Browser, Page } from 'playwright-core';
import { createInvitedHouseholds, type InvitedHousehold } from '../../api/collection/testing/testHouseholds';
import { accessCodeHashSecret } from '../../api/secrets/accessCodeHashSecret';
import { launchBrowser, openPage, type PageProblems } from './browser';
import { demoLogin, signInByApi, type DemoAccount } from './demoUsers';
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

/** What a suite of one signed-in page works with: the test server, Chromium and the page with its problems. */
export interface SignedInSuite {
  server: UiTestServer;
  browser: Browser;
  page: Page;
  problems: PageProblems;
}

/**
 * Starts the test server (with `serverOptions`) and Chromium together and opens one page signed in as
 * `account` through the API, waiting up to 30 s for elements. If any step fails, both are stopped again.
 */
export async function startSignedInSuite(account: DemoAccount, serverOptions: { demoWaves?: boolean } = {}): Promise<SignedInSuite> {
  const [server, browser] = await Promise.all([startUiTestServer({}, serverOptions), launchBrowser()]);
  try {
    const { page, problems } = await openPage(browser);
    page.setDefaultTimeout(30_000);
    await signInByApi(page, server.url, demoLogin(server, account));
    return { server, browser, page, problems };
  } catch (err) {
    await stopUiSuite({ server, browser });
    throw err;
  }
}
