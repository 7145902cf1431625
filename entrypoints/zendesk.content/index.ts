import '../../components/overlay.css';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createZendeskAdapter } from '../../lib/adapters/zendesk/adapter';
import { reportZendeskAgent } from '../../lib/adapters/zendesk/agent';
import { mountOverlay } from '../../lib/overlay/mount';

export default defineContentScript({
  matches: ['https://*.zendesk.com/agent/*'],
  cssInjectionMode: 'ui',
  runAt: 'document_idle',
  async main(ctx) {
    await mountOverlay(ctx, createZendeskAdapter(window));
    void reportZendeskAgent(window);
  },
});
