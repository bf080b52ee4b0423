import type { Page } from 'playwright-core';
import type { UiTestServer } from './server';

export type DemoRole = 'admin' | 'planner' | 'staff';
export type DemoAccount = 'admin' | 'planner' | 'staff' | 'staff2';

export interface Credentials {
  username: string;
  password: string;
}

/** The seeded demo account of that name, with the password the server seeded it with. */
export function demoLogin(server: UiTestServer, username: DemoAccount): Credentials & { role: DemoRole; displayName: string } {
  const login = server.logins.find((candidate) => candidate.username === username);
  if (!login) throw new Error(`the test server seeded no demo account "${username}"`);
  return login;
}

/** Navigation labels each role must see, in order (German UI). */
export const expectedNavigation: Record<DemoRole, string[]> = {
  admin: ['Stichprobe', 'Fragebogen', 'Erhebung', 'Auswertung', 'Verwaltung'],
  planner: ['Stichprobe', 'Fragebogen', 'Erhebung', 'Auswertung'],
  staff: ['Erhebung'],
};

/** Signs in through the login form, as a person would, and waits for the start page. */
export async function signIn(page: Page, baseUrl: string, user: Credentials): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Benutzername').fill(user.username);
  await page.getByLabel('Passwort', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).waitFor();
}

/** Signs in through the API with the page's cookies (faster; for tests about other pages than the login form). */
export async function signInByApi(page: Page, baseUrl: string, user: Credentials): Promise<void> {
  const session = await page.request.get(`${baseUrl}/api/session`);
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const response = await page.request.post(`${baseUrl}/api/auth/login`, {
    headers: { 'X-CSRF-Token': csrfToken },
    data: { username: user.username, password: user.password },
  });
  if (response.status() !== 200) throw new Error(`sign-in of ${user.username} answered ${response.status()}: ${await response.text()}`);
}
