import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { tokenForUser } from '../../server/testing';
import { configureExtension, startTestBackend, type TestBackend } from '../harness/backend';
import { type ExtensionBrowser, launchChromiumWithExtension } from '../harness/chromium';
import { ACTIVE_OVERLAY, expect, test } from './fixtures';

// Two password checks at OWASP's scrypt cost and four axe runs: more than the default minute on a loaded machine.
test.setTimeout(120_000);

/** The organisation chose password sign-in on its server; the browser has its server and team token, nothing else. */
async function passwordOrganisation(): Promise<TestBackend> {
  const backend = await startTestBackend();
  const saved = await fetch(`${backend.url}/api/v1/identity/settings`, {
    method: 'PUT',
    headers: {
      authorization: `Bearer ${await tokenForUser(backend.db, 'admin@acme.test')}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ preferredMode: 'password', allowedModes: ['password'], oidc: null }),
  });
  expect(saved.status).toBe(200);
  return backend;
}

async function noViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
}

async function open(extension: ExtensionBrowser, name: 'popup' | 'options', scheme: 'light' | 'dark') {
  const page = await extension.context.newPage();
  await page.emulateMedia({ colorScheme: scheme });
  await page.goto(`chrome-extension://${extension.extensionId}/${name}.html`);
  return page;
}

test('password mode: the agent signs in once in options, by keyboard, and the queued score is sent as theirs', async ({
  zendeskOrigin,
}) => {
  const backend = await passwordOrganisation();
  const extension = await launchChromiumWithExtension();
  try {
    await configureExtension(extension, { backendUrl: backend.url, enrollmentToken: backend.demo?.enrollmentToken });
    const ticket = await extension.context.newPage();
    await ticket.goto(`${zendeskOrigin}/agent/tickets/1001`);
    await expect(ticket.locator(ACTIVE_OVERLAY)).toHaveAttribute('data-state', 'ready');
    await ticket.locator(ACTIVE_OVERLAY).locator('[data-score="5"]').click();

    const popup = await open(extension, 'popup', 'light');
    const waiting = popup.locator('[data-identity-state="needs_sign_in"]');
    await expect(waiting).toContainText('Sign in with your DeskLens password');
    await expect(waiting.getByRole('button', { name: 'Sign in in DeskLens options' })).toBeVisible();
    await noViolations(popup);

    const options = await open(extension, 'options', 'dark');
    const panel = options.locator('[data-identity-state="needs_sign_in"]');
    await expect(panel.getByLabel('Work email')).toBeVisible();
    await noViolations(options);
    await panel.getByLabel('Work email').focus();
    await options.keyboard.type('ada@acme.test');
    await options.keyboard.press('Tab');
    await options.keyboard.type('not-her-password');
    await options.keyboard.press('Enter');
    await expect(options.getByRole('alert')).toContainText('Wrong email or password');
    await panel.getByLabel('Password').fill('demo-agent');
    await options.keyboard.press('Enter');
    await expect(options.locator('[data-identity-state="bound"]')).toContainText(
      'Signed in as ada@acme.test (DeskLens password)',
    );
    await noViolations(options);

    await expect
      .poll(() => backend.db.selectFrom('feedback').select(['ticket_id', 'agent_id']).execute(), { timeout: 20_000 })
      .toEqual([{ ticket_id: '1001', agent_id: backend.demo?.agentId }]);
  } finally {
    await extension.close();
    await backend.dispose();
  }
});

test('the identity panel in Chinese, light and dark, has no accessibility violations', async () => {
  const backend = await passwordOrganisation();
  const extension = await launchChromiumWithExtension({ args: ['--lang=zh-CN'] });
  try {
    await configureExtension(extension, { backendUrl: backend.url, enrollmentToken: backend.demo?.enrollmentToken });
    for (const scheme of ['light', 'dark'] as const) {
      const popup = await open(extension, 'popup', scheme);
      await expect(popup.locator('[data-identity-state="needs_sign_in"]')).toContainText('请使用 DeskLens 密码登录');
      await noViolations(popup);
      const options = await open(extension, 'options', scheme);
      await expect(options.locator('[data-identity-state="needs_sign_in"]').getByLabel('工作邮箱')).toBeVisible();
      await noViolations(options);
    }
  } finally {
    await extension.close();
    await backend.dispose();
  }
});
