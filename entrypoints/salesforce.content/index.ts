import '../../components/overlay.css';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createSalesforceAdapter } from '../../lib/adapters/salesforce/adapter';
import { askBackground } from '../../lib/messaging';
import { mountOverlay } from '../../lib/overlay/mount';

export default defineContentScript({
  matches: ['https://*.lightning.force.com/lightning/*'],
  cssInjectionMode: 'ui',
  runAt: 'document_idle',
  async main(ctx) {
    await mountOverlay(
      ctx,
      // The background reads the case of the org this page belongs to, from the sender's URL.
      createSalesforceAdapter(window, async (_pageUrl, caseId, caseStatus) => {
        const answer = await askBackground({ kind: 'getSalesforceCase', caseId, caseStatus });
        return answer.ok ? answer.value : undefined;
      }),
    );
  },
});
