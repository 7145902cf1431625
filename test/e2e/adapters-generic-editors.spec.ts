import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { configureExtension, signInAsAdmin, startTestBackend } from '../harness/backend';
import { buildWithGrants, launchChromiumWithExtension, registeredContentScripts } from '../harness/chromium';
import { editorHost } from '../harness/fixture-server';
import { EDITOR_FRAMEWORKS, EDITOR_KINDS, MISDESCRIBED_EDITOR } from '../harness/hosts';
import { ACTIVE_OVERLAY, expect, test } from './fixtures';

/**
 * Every editor kind a description can name, each on a described helpdesk page with the real editor from its npm
 * package (CKEditor 4.22 and TinyMCE 8 in their iframes, CKEditor 5, Quill 2, a contenteditable app that renders
 * from its own model, a textarea). The agent clicks Insert in the overlay; the editor's own data must hold the
 * script, and so must what the helpdesk's Send would post — the submit sync that wiped inserted text (issue 18).
 * The worked examples of docs/adapters/editors are what the admin saves.
 */
/** Every kind, then ProseMirror (Jira Service Management, Intercom), described as the contenteditable it renders. */
const EDITORS = [...EDITOR_KINDS, ...EDITOR_FRAMEWORKS];
const examples = EDITORS.map((kind) => JSON.parse(readFileSync(`docs/adapters/editors/${kind}.json`, 'utf8')));
/** CKEditor 4 described as the textarea it hides: what an admin could write before editor kinds existed. */
const misdescribed = {
  ...examples[EDITORS.indexOf('textarea')],
  id: 'acme-legacy',
  name: 'Acme Desk, CKEditor 4 named as its textarea',
  matches: [`https://${editorHost(MISDESCRIBED_EDITOR)}/*`],
};

const squeeze = (text: string) => text.replace(/\s+/g, '');

type EditorPage = { __ready: Promise<string>; __editorData(): string; __sent: string | undefined };
/** Editors give HTML with their own entities (CKEditor 4: &hellip;): read as text by the page's own parser. */
const asText = (html: string) => new DOMParser().parseFromString(html, 'text/html').body.textContent ?? '';
const editorData = (page: Page) => page.evaluate(`(${asText.toString()})(window.__editorData())`) as Promise<string>;
const sentText = (page: Page) => page.evaluate(`(${asText.toString()})(window.__sent ?? '')`) as Promise<string>;

test('a script goes into each kind of editor and is kept, through the helpdesk’s own Send; a misdescribed editor is said so and copied @feature:scripts', async ({
  fixtureServer,
}) => {
  test.setTimeout(240_000);
  const backend = await startTestBackend();
  const descriptions = [...examples, misdescribed];
  const origins = descriptions.flatMap((description) => description.matches as string[]);
  const build = await buildWithGrants({ origins });
  const extension = await launchChromiumWithExtension({ extensionDir: build.dir });
  try {
    const admin = await signInAsAdmin(backend);
    expect((await admin.save('adapters', descriptions)).status).toBe(200);
    const worker = await extension.serviceWorker();
    await configureExtension(extension, { backendUrl: backend.url, agentToken: backend.demo?.agentToken });
    await expect
      .poll(() => registeredContentScripts(worker).then((scripts) => scripts.length), { timeout: 45_000 })
      .toBe(descriptions.length);

    const page = await extension.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
    const overlay = page.locator(ACTIVE_OVERLAY);
    for (const kind of EDITORS) {
      await test.step(kind, async () => {
        await page.goto(`${fixtureServer.origin(editorHost(kind))}/tickets/501`);
        expect(await page.evaluate(() => (window as unknown as EditorPage).__ready)).toBe(kind);
        await expect(overlay).toHaveAttribute('data-helpdesk', `generic:acme-${kind}`);
        await expect(overlay).toHaveAttribute('data-state', 'ready');
        // The subject without the helpdesk's "[Acme] #501:" prefix; name and email from one "Name <email>".
        await expect(overlay.locator('.dl-subject')).toHaveText('Refund not received');
        await expect(overlay.locator('.dl-requester')).toContainText('Mary Jackson');
        await expect(overlay.locator('.dl-problems')).toHaveCount(0);

        const script = overlay.locator('.dl-script').first();
        const text = ((await script.locator('.dl-script-preview').textContent()) ?? '').trim();
        await script.locator('[data-script-id]').click();
        await expect(script.getByRole('status')).toHaveText('Inserted into the reply');
        // The editor's own data (getData, getContent, getText, the app's model) holds the script…
        expect(squeeze(await editorData(page))).toContain(squeeze(text));
        // …and so does what the helpdesk posts on Send, after the editor synced its form field.
        await page.locator('#send').click();
        expect(squeeze(await sentText(page))).toContain(squeeze(text));
      });
    }

    await test.step('CKEditor 4 described as its hidden textarea', async () => {
      const origin = fixtureServer.origin(editorHost(MISDESCRIBED_EDITOR));
      await extension.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
      await page.goto(`${origin}/tickets/502`);
      expect(await page.evaluate(() => (window as unknown as EditorPage).__ready)).toBe('ckeditor4');
      await expect(overlay).toHaveAttribute('data-state', 'ready');
      await expect(overlay.locator('.dl-subject')).toHaveText('发票无法下载');
      const script = overlay.locator('.dl-script').first();
      const text = ((await script.locator('.dl-script-preview').textContent()) ?? '').trim();
      await script.locator('[data-script-id]').click();
      // Never "inserted" for text the reply would not carry: the agent is told, and the script is on the clipboard.
      await expect(script.getByRole('status')).toHaveText(
        'The editor did not keep the script: copied to the clipboard, paste it into the reply',
      );
      expect(squeeze(await page.evaluate(() => navigator.clipboard.readText()))).toBe(squeeze(text));
      await page.locator('#send').click();
      expect(squeeze(await sentText(page))).not.toContain(squeeze(text));
    });

    // Each insert is recorded as what it was: seven inserted, one copied.
    await expect
      .poll(
        async () =>
          (
            await backend.db
              .selectFrom('script_usage')
              .select(['helpdesk', 'action'])
              .where('action', 'in', ['inserted', 'copied'])
              .execute()
          )
            .map((row) => `${row.helpdesk}:${row.action}`)
            .sort(),
        { timeout: 20_000 },
      )
      .toEqual([...EDITORS.map((kind) => `generic:acme-${kind}:inserted`), 'generic:acme-legacy:copied'].sort());
    expect(errors).toEqual([]);
  } finally {
    await extension.close();
    await build.dispose();
    await backend.dispose();
  }
});
