import { afterEach, describe, expect, it } from 'vitest';
import { insightsFor, runFeatures, settle, ticket } from './testing';
import { tierBadge } from './tier-badge';

describe('tier-badge feature', () => {
  let stop: () => void = () => undefined;
  afterEach(() => stop());

  it('shows the tier in the agent’s language with the rules behind it', async () => {
    const run = runFeatures([tierBadge], { lang: 'zh_CN' });
    stop = run.stop;
    run.host.emit({ ticket: ticket('1001'), missing: [] });
    await settle();
    expect(run.root.querySelector('.dl-tier-badge')?.textContent).toBe('贵宾');
    expect(run.root.querySelector('.dl-tier-reasons li')?.textContent).toBe('带有 vip 标签');
  });

  it('follows the ticket in front: the next ticket’s customer gets their own badge', async () => {
    const run = runFeatures([tierBadge]);
    stop = run.stop;
    run.host.answers.set('1002', insightsFor('1002', { tier: undefined }));
    run.host.emit({ ticket: ticket('1001'), missing: [] });
    await settle();
    expect(run.root.querySelector('[data-tier-id="vip"]')).not.toBeNull();
    run.host.emit({ ticket: ticket('1002'), missing: [] });
    await settle();
    expect(run.root.querySelector('.dl-tier-badge')).toBeNull();
  });

  it('is hidden when switched off', async () => {
    const run = runFeatures([tierBadge]);
    stop = run.stop;
    run.page.features.value = { ...run.page.features.value, tierBadge: false };
    run.host.emit({ ticket: ticket('1001'), missing: [] });
    await settle();
    expect(run.root.querySelector('.dl-tier-badge')).toBeNull();
  });
});
