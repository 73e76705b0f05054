// The gateway serves the built console at `/` (SPA fallback for page loads) without shadowing the server's
// own routes, under a content policy that lets the console's scripts, styles and socket run and nothing else.
// Needs `npm run build` (or `npm run build:console`) first.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';
import { root } from '../support/processes';
import { createConsoleUser, type ConsoleUser } from './support/console-users';
import { axeViolations, launchBrowser, openConsole, screenshot, signIn } from './support/browser';

const PAGE = { accept: 'text/html,application/xhtml+xml' };

describe('console serving (embedded)', () => {
  let harness: Harness;
  let tenant: TenantFixture;
  let browser: Browser;
  let admin: ConsoleUser;

  beforeAll(async () => {
    if (!existsSync(join(root, 'dist/console/index.html')))
      throw new Error('run `npm run build:console` first');
    harness = await startHarness('embedded', {}, { console: true });
    tenant = await createTenantFixture(harness.prisma, [{ name: 'ana' }]);
    admin = await createConsoleUser(harness.prisma, tenant, 'admin');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  it('serves the console at / and for page loads of its own routes, with its content policy', async () => {
    for (const path of ['/', '/agent', '/admin/queues']) {
      const response = await fetch(`${harness.url}${path}`, { headers: PAGE });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<div id="root"></div>');
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("connect-src 'self' ws: wss:");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(response.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('never shadows the API, the docs, probes, metrics or the socket endpoint, even for a page load', async () => {
    const api = await fetch(`${harness.url}/v1/no-such-thing`, { headers: PAGE });
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    expect(api.headers.get('content-security-policy')).toContain("default-src 'none'");
    const health = await fetch(`${harness.url}/health`, { headers: PAGE });
    expect(((await health.json()) as { status: string }).status).toBe('ok');
    const docs = await fetch(`${harness.url}/docs`, { headers: PAGE });
    expect(await docs.text()).toContain('swagger');
    const metrics = await fetch(`${harness.url}/metrics`, { headers: PAGE });
    expect(await metrics.text()).not.toContain('<div id="root">');
    const socket = await fetch(`${harness.url}/socket.io/?EIO=4&transport=polling`, { headers: PAGE });
    expect(await socket.text()).not.toContain('<div id="root">');
  });

  it('answers API clients (no text/html) on unknown paths with the API 404, not the console', async () => {
    const response = await fetch(`${harness.url}/no-such-route`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('runs in Chromium under its policy: the login page is accessible, and a wrong password is refused', async () => {
    const { page, context, problems } = await openConsole(browser, harness.url);
    await page.getByRole('heading', { name: 'Sign in to Switchboard' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'login');

    await page.getByLabel('Workspace').fill(tenant.slug);
    await page.getByLabel('Email').fill(tenant.agents[0].email);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();

    await page.getByLabel('Password').fill(tenant.agents[0].password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Switchboard' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('lets an admin create, edit and delete a skill, with the server field errors next to the field', async () => {
    const { page, context, problems } = await openConsole(browser, `${harness.url}/#/admin/skills`);
    await signIn(page, tenant.slug, admin.email, admin.password);
    await page.getByRole('heading', { name: 'Skills' }).waitFor();
    await page.getByRole('button', { name: 'New' }).click();
    await page.getByLabel('Name').fill('not a valid skill name!');
    await page.getByRole('button', { name: 'Create' }).click();
    const nameError = page.locator('#field-name-error');
    await nameError.waitFor();
    expect(await nameError.textContent()).toMatch(/^name: /);
    expect(await page.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'admin-field-error');

    await page.getByLabel('Name').fill('billing');
    await page.getByRole('button', { name: 'Create' }).click();
    const row = page.getByRole('row', { name: /billing/ });
    await row.waitFor();
    await row.getByRole('button', { name: /Edit/ }).click();
    await page.getByLabel('Description').fill('Invoices and refunds');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('row', { name: /Invoices and refunds/ }).waitFor();

    page.once('dialog', (dialog) => void dialog.accept());
    await page
      .getByRole('row', { name: /billing/ })
      .getByRole('button', { name: /Delete/ })
      .click();
    await page.getByRole('row', { name: /billing/ }).waitFor({ state: 'detached' });
    expect(await harness.prisma.skill.count({ where: { tenantId: tenant.id } })).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('renders every admin section and its form without serious accessibility findings', async () => {
    const { page, context, problems } = await openConsole(browser, `${harness.url}/#/admin`);
    await signIn(page, tenant.slug, admin.email, admin.password);
    const sections = page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link');
    const names = await sections.allTextContents();
    expect(names).toHaveLength(8);
    for (const name of names) {
      await sections.getByText(name, { exact: true }).click();
      await page.getByRole('heading', { name, level: 1 }).waitFor();
      await page.getByRole('button', { name: 'New' }).click();
      await page.getByRole('heading', { name: 'New', level: 2 }).waitFor();
      expect(await axeViolations(page), name).toEqual([]);
      await screenshot(page, `admin-${name.toLowerCase().replace(/ /g, '-')}-form`);
      await page.getByRole('button', { name: 'Cancel' }).click();
    }
    expect(problems).toEqual([]);
    await context.close();
  });

  it('sends a signed-in user back to login when the server refuses their session (401)', async () => {
    const { page, context } = await openConsole(browser, `${harness.url}/#/admin`);
    await signIn(page, tenant.slug, admin.email, admin.password);
    await page.getByRole('heading', { name: 'Agents' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'admin-agents');
    // The session is revoked server-side (another tab signs out); the next API call gets 401.
    const stored = await page.evaluate(() =>
      (globalThis as unknown as BrowserGlobals).sessionStorage.getItem('switchboard.session'),
    );
    const { token } = JSON.parse(stored ?? '{}') as { token: string };
    await fetch(`${harness.url}/v1/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in to Switchboard' }).waitFor();
    await context.close();
  });
});

interface BrowserGlobals {
  sessionStorage: { getItem(key: string): string | null };
}
