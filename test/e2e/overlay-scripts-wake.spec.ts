import { ACTIVE_OVERLAY, expect, test } from './fixtures';

/** The stored script index in the extension's IndexedDB, read in the service worker. */
const storedIndexKey = () =>
  new Promise<string | undefined>((resolve, reject) => {
    const open = indexedDB.open('desklens');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('scriptIndex')) return resolve(undefined);
      const get = db.transaction('scriptIndex').objectStore('scriptIndex').get('current');
      get.onsuccess = () => resolve((get.result as { key?: string } | undefined)?.key);
      get.onerror = () => reject(get.error);
    };
  });

test('a VIP-only script is offered to the VIP with its reason, and suggestions come back after the worker is stopped', {
  tag: ['@feature:scripts'],
}, async ({ extension, zendeskOrigin }) => {
  const page = await extension.context.newPage();
  await page.goto(`${zendeskOrigin}/agent/tickets/1001`);
  const overlay = page.locator(ACTIVE_OVERLAY);
  await expect(overlay).toHaveAttribute('data-tier', 'vip');
  const priority = overlay.locator('.dl-script[data-script="priority-refund-en"]');
  await expect(priority).toBeVisible();
  await expect(priority.locator('.dl-script-why')).toContainText('For tier');

  // The built index is kept in IndexedDB under the catalog's key.
  const worker = await extension.serviceWorker();
  await expect.poll(() => worker.evaluate(storedIndexKey)).toMatch(/^builtin-/);

  // MV3 stops an idle worker; the next ticket's suggestions come from the stored index.
  const cdp = await extension.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await page.goto(`${zendeskOrigin}/agent/tickets/1002`);
  await expect(overlay.locator('.dl-script').first()).toHaveAttribute('data-script', 'fraud-escalation-zh');
  await expect(overlay.locator('.dl-script[data-script="priority-refund-zh"]')).toHaveCount(0);
});
