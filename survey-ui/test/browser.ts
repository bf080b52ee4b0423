import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium; the tests never download a browser. */
export const chromiumPath = '/usr/bin/chromium';

export const artifactsDir = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));

/** One headless Chromium per test file. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export interface PageProblems {
  /** Console errors and uncaught exceptions, including Content-Security-Policy violations. */
  errors: string[];
  /**
   * HTTP statuses a test provokes on purpose (e.g. 401 for a wrong password); Chromium logs those
   * as console errors too, so they are not counted.
   */
  expectedStatuses: number[];
}

/**
 * A fresh context (own cookies and localStorage) with a page that records console errors, so a
 * test can assert that the app ran without script errors or CSP violations.
 */
export async function openPage(
  browser: Browser,
  options: { viewport?: { width: number; height: number }; expectedStatuses?: number[] } = {},
): Promise<{ context: BrowserContext; page: Page; problems: PageProblems }> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 900 },
    locale: 'de-DE',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems: PageProblems = { errors: [], expectedStatuses: options.expectedStatuses ?? [] };
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (problems.expectedStatuses.some((status) => text.includes(`status of ${status}`))) return;
    problems.errors.push(text);
  });
  page.on('pageerror', (error) => problems.errors.push(`uncaught: ${error.message}`));
  return { context, page, problems };
}

/**
 * Signs the page's context out (drops its cookies) and forgets recorded problems, so tests in one
 * file can share a browser context: creating contexts is the slowest step of a run. The app is left
 * first (about:blank), so none of its requests still under way meets the dropped session with a 401
 * that would count against the next test.
 */
export async function resetSession(page: Page, problems: PageProblems, expectedStatuses: number[] = []): Promise<void> {
  await page.goto('about:blank');
  await page.context().clearCookies();
  problems.errors.length = 0;
  problems.expectedStatuses = expectedStatuses;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeNode {
  target: unknown[];
  html: string;
  failureSummary?: string;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA plus best practices) on the current page and returns a
 * readable report of every violation, empty when there is none.
 * axe is evaluated through the DevTools protocol rather than a `<script>` tag, because the app's
 * Content-Security-Policy (rightly) refuses injected inline scripts.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return result.violations;
  });
  return (violations as AxeViolation[]).map(
    (violation) =>
      `${violation.id} (${violation.impact ?? 'n/a'}): ${violation.help}\n  ${violation.helpUrl}\n` +
      violation.nodes
        .map((node) => `  - ${JSON.stringify(node.target)}: ${node.html}\n    ${(node.failureSummary ?? '').replace(/\n/g, '\n    ')}`)
        .join('\n'),
  );
}

/** Saves a full-page screenshot under test-artifacts/ (git-ignored) for visual review. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: `${artifactsDir}${name}.png`, fullPage: true });
}
