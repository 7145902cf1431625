import type { Page } from '@playwright/test';
import { ACTIVE_OVERLAY, expect, test } from './fixtures';

const CASES = {
  a: { id: '500Hs00001XyZaAIAV', subject: 'Invoice charged twice this month', requester: 'Katherine Johnson' },
  b: { id: '500Hs00001XyZbBIAV', subject: '快递三天未到，客户很着急', requester: '王芳' },
  c: { id: '500Hs00001XyZcCIAV', subject: 'Cannot reset my password', requester: 'Dorothy Vaughan' },
} as const;
type Fixture = { navigate(id: string): void; closeTab(id: string): void; layoutDelayMs: number };

const navigate = (page: Page, id: string) =>
  page.evaluate((to) => (window as unknown as { __fixture: Fixture }).__fixture.navigate(to), id);
const closeTab = (page: Page, id: string) =>
  page.evaluate((to) => (window as unknown as { __fixture: Fixture }).__fixture.closeTab(to), id);

async function expectInFront(page: Page, c: (typeof CASES)[keyof typeof CASES]) {
  const overlay = page.locator(ACTIVE_OVERLAY);
  await expect(page.locator(ACTIVE_OVERLAY)).toHaveCount(1);
  await expect(overlay).toHaveAttribute('data-ticket-id', c.id);
  await expect(overlay.locator('.dl-subject')).toHaveText(c.subject);
  await expect(overlay.locator('.dl-requester')).toContainText(c.requester);
  await expect(page.locator(ACTIVE_OVERLAY)).toHaveCount(1);
}

test('Salesforce: three cases, fast switches before the layout rendered, back/forward, close, reload', async ({
  extension,
  salesforceOrigin,
}) => {
  const page = await extension.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${salesforceOrigin}/lightning/r/Case/${CASES.a.id}/view`);
  await expectInFront(page, CASES.a);
  await navigate(page, CASES.b.id);
  await expectInFront(page, CASES.b);
  // Fast switches: each workspace's layout arrives 150 ms after its highlights; switch again before that.
  await navigate(page, CASES.c.id);
  await navigate(page, CASES.a.id);
  await navigate(page, CASES.c.id);
  await expectInFront(page, CASES.c);
  await page.goBack();
  await expectInFront(page, CASES.a);
  await page.goForward();
  await expectInFront(page, CASES.c);
  await closeTab(page, CASES.c.id);
  await expectInFront(page, CASES.b);
  await page.reload();
  await expectInFront(page, CASES.b);
  await expect(page.locator(ACTIVE_OVERLAY)).toHaveAttribute('data-state', 'ready');
  expect(errors).toEqual([]);
});

test('Salesforce: removing the subject or the workspace panel degrades loudly without page errors', async ({
  extension,
  salesforceOrigin,
}) => {
  const page = await extension.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${salesforceOrigin}/lightning/r/Case/${CASES.a.id}/view`);
  const overlay = page.locator(ACTIVE_OVERLAY);
  await expect(overlay).toHaveAttribute('data-state', 'ready');
  await page.evaluate(() => {
    for (const node of document.querySelectorAll('support-output-case-subject-field')) {
      node.replaceWith(document.createElement('support-output-case-subject-field-v2'));
    }
  });
  await expect(overlay).toHaveAttribute('data-state', 'degraded', { timeout: 15_000 });
  await expect(overlay).toContainText('subject');

  await page.reload();
  await expect(overlay).toHaveAttribute('data-state', 'ready');
  await page.evaluate(() => {
    for (const a of document.querySelectorAll('ul.tabBarItems a[role="tab"]')) a.removeAttribute('aria-controls');
    for (const s of document.querySelectorAll('section.tabContent')) s.classList.remove('oneConsoleTab');
  });
  await expect(overlay).toHaveAttribute('data-state', 'degraded', { timeout: 15_000 });
  await expect(overlay).toContainText('workspace panel');
  expect(errors).toEqual([]);
});

test('Salesforce: a script lands in CKEditor 4 inside the nested Email Body iframes, in the editor’s own data', async ({
  backend: _connected,
  extension,
  salesforceOrigin,
}) => {
  const page = await extension.context.newPage();
  await page.goto(`${salesforceOrigin}/lightning/r/Case/${CASES.a.id}/view`);
  const overlay = page.locator(ACTIVE_OVERLAY);
  await expect(overlay.locator('.dl-subject')).toHaveText(CASES.a.subject);
  // Wait for the staged layout (the composer arrives with it) before inserting.
  await expect(
    page
      .frameLocator('iframe[title="Email Body"]')
      .frameLocator('iframe.cke_wysiwyg_frame')
      .locator('body.cke_editable'),
  ).toHaveCount(1);
  const insert = overlay.locator('[data-script-id]').first();
  await insert.click();
  await expect(overlay.locator('.dl-script').first().getByRole('status')).toHaveText('Inserted into the reply');
  const data = () =>
    page.evaluate(
      (id) =>
        (
          window as unknown as { __fixture: { editors: Record<string, { ckeditor: { getData(): string } }> } }
        ).__fixture.editors[id]?.ckeditor.getData() ?? '',
      CASES.a.id,
    );
  await expect.poll(data).not.toBe('');
  // Chatter's Quill got nothing: the Email composer wins when it is open.
  const quill = await page.evaluate(
    (id) =>
      (window as unknown as { __fixture: { editors: Record<string, { quill: { text: string } }> } }).__fixture.editors[
        id
      ]?.quill.text ?? '',
    CASES.a.id,
  );
  expect(quill).toBe('');
});

test('Salesforce: without the Email composer, a script lands in the Quill Chatter box’s model', async ({
  backend: _connected,
  extension,
  salesforceOrigin,
}) => {
  const page = await extension.context.newPage();
  await page.goto(`${salesforceOrigin}/lightning/r/Case/${CASES.b.id}/view`);
  await expect(page.locator('iframe[title="Email Body"]')).toHaveCount(1);
  await page.evaluate(() => document.querySelector('iframe[title="Email Body"]')?.remove());
  const overlay = page.locator(ACTIVE_OVERLAY);
  await overlay.locator('[data-script-id]').first().click();
  await expect(overlay.locator('.dl-script').first().getByRole('status')).toHaveText('Inserted into the reply');
  const text = () =>
    page.evaluate(
      (id) =>
        (window as unknown as { __fixture: { editors: Record<string, { quill: { text: string } }> } }).__fixture
          .editors[id]?.quill.text ?? '',
      CASES.b.id,
    );
  await expect.poll(text).not.toBe('');
});
