import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { configureExtension, healthReports, signInAsAdmin, startTestBackend } from '../harness/backend';
import { buildWithGrants, launchChromiumWithExtension, registeredContentScripts } from '../harness/chromium';
import { editorHost } from '../harness/fixture-server';
import { ACTIVE_OVERLAY, expect, test } from './fixtures';

/**
 * Bad input in a description, end to end. What can be known when the admin saves it is refused there, by field;
 * what only the page can tell (a date in another format, a pattern that never matches, a status no map knows, a
 * dock anchor that is never on screen) keeps the overlay working, docked where the agent can reach it, names each
 * field under the ticket and reaches the backend as a health event — never a silent no-op.
 */
const example = JSON.parse(readFileSync('docs/adapters/editors/textarea.json', 'utf8')) as Record<string, unknown> & {
  fields: Record<string, unknown>;
};

test('a description is refused by field at save time where the mistake can be known @feature:health', async () => {
  const backend = await startTestBackend();
  try {
    const admin = await signInAsAdmin(backend);
    const refused = async (patch: Record<string, unknown>) => {
      const response = await admin.save('adapters', [{ ...example, ...patch }]);
      expect(response.status).toBe(400);
      return ((await response.json()) as { error: { issues: { path: string; message: string }[] } }).error.issues;
    };
    expect(await refused({ editor: { kind: 'froala', selector: '.fr-element' } })).toContainEqual({
      path: 'value.0.editor.kind',
      message:
        'unknown editor kind "froala": expected one of textarea, contenteditable, ckeditor5, ckeditor4, tinymce, quill',
    });
    expect(
      await refused({
        fields: { ...example.fields, createdAt: { selector: 'time.created', format: 'dd/MM/yyyy HH:mm' } },
      }),
    ).toContainEqual({
      path: 'value.0.fields.createdAt.format',
      message: expect.stringContaining('unknown token "dd"'),
    });
    expect(
      await refused({
        fields: { ...example.fields, requesterEmail: { selector: '.requester', pattern: '^(\\w+\\s?)*$' } },
      }),
    ).toContainEqual({
      path: 'value.0.fields.requesterEmail.pattern',
      message: expect.stringContaining('could backtrack catastrophically'),
    });
    expect(await refused({ matches: ['http://support.example.com/*'], allowHttp: true })).toContainEqual({
      path: 'value.0.matches.0',
      message: expect.stringContaining('http is allowed only for one intranet host'),
    });
    // Nothing half-written: the org still has no descriptions.
    const saved = await fetch(`${backend.url}/api/v1/config`, {
      headers: { authorization: `Bearer ${backend.demo?.agentToken}` },
    });
    expect(((await saved.json()) as { genericAdapters?: unknown[] }).genericAdapters ?? []).toEqual([]);
  } finally {
    await backend.dispose();
  }
});

test('what only the page can tell keeps the overlay working, says which fields, and reaches the backend @feature:health', async ({
  fixtureServer,
}) => {
  test.setTimeout(120_000);
  const backend = await startTestBackend();
  const description = {
    ...example,
    fields: {
      ...example.fields,
      // The page shows "30 Nov 2026", not this format.
      createdAt: { selector: 'time.created', format: 'DD.MM.YYYY HH:mm' },
      // Its capture group never matches "Mary Jackson <mary@example.com>".
      requesterEmail: { selector: '.requester', pattern: '\\[(\\S+@\\S+)\\]' },
    },
    // "Stalled" is in no map.
    statusMap: { Open: 'open' },
    // The subject's edit field, hidden until clicked.
    dock: 'input.subject-edit',
  };
  const build = await buildWithGrants({ origins: example.matches as string[] });
  const extension = await launchChromiumWithExtension({ extensionDir: build.dir });
  try {
    const admin = await signInAsAdmin(backend);
    expect((await admin.save('adapters', [description])).status).toBe(200);
    const worker = await extension.serviceWorker();
    await configureExtension(extension, { backendUrl: backend.url, agentToken: backend.demo?.agentToken });
    // The configuration (and with it the registration) arrives with the first sync.
    await expect
      .poll(() => registeredContentScripts(worker).then((scripts) => scripts.map(({ id }) => id)), { timeout: 20_000 })
      .toEqual(['desklens-generic-acme-textarea']);
    const page = await extension.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${fixtureServer.origin(editorHost('textarea'))}/tickets/501`);
    const overlay = page.locator(ACTIVE_OVERLAY);
    await expect(overlay).toHaveAttribute('data-state', 'ready');
    await expect(overlay.locator('.dl-subject')).toHaveText('Refund not received');
    const expected = [
      'fields.requesterEmail: pattern did not match',
      'fields.status: "Stalled" is in no status map',
      'fields.createdAt: not a date in "DD.MM.YYYY HH:mm"',
      'dock: the anchor is hidden',
    ];
    const problems = overlay.locator('.dl-problems');
    for (const problem of expected) await expect(problems).toContainText(problem);
    // The line is part of the overlay like any other: no accessibility violation, light or dark.
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const results = await new AxeBuilder({ page }).include('desklens-overlay').analyze();
      expect(
        results.violations.map((v) => `${colorScheme} ${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`),
      ).toEqual([]);
    }
    // The hidden anchor is replaced by the subject's block: the overlay is docked on screen, its scores reachable.
    await expect(overlay).toHaveAttribute('data-dock', 'header');
    await expect(overlay.locator('[data-score="5"]')).toBeInViewport();
    await overlay.locator('[data-score="5"]').click();
    await expect
      .poll(() => healthReports(backend), { timeout: 20_000 })
      .toContainEqual({ helpdesk: 'generic:acme-textarea', missing: expect.arrayContaining(expected) });
    await expect
      .poll(() => backend.db.selectFrom('feedback').select(['helpdesk', 'csat']).execute())
      .toEqual([{ helpdesk: 'generic:acme-textarea', csat: 5 }]);
    expect(errors).toEqual([]);
  } finally {
    await extension.close();
    await build.dispose();
    await backend.dispose();
  }
});
