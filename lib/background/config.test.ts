import { describe, expect, it } from 'vitest';
import { effectiveConfig, parsePolicy, policyConnectionChanged } from './config';

describe('configuration precedence', () => {
  it('takes policy over backend over the agent, and says where each value came from', () => {
    const config = effectiveConfig(
      parsePolicy({ backendUrl: 'https://desklens.acme.example', notificationLeadMinutes: 10 }),
      { orgId: 'o1', notificationLeadMinutes: 20, syncIntervalMinutes: 3, features: { scripts: false } },
      {
        backendUrl: 'http://localhost:9999',
        team: 'tier-2',
        notificationLeadMinutes: 30,
        features: { scripts: true, feedback: false },
      },
    );
    expect(config.backendUrl).toBe('https://desklens.acme.example');
    expect(config.sources.backendUrl).toBe('policy');
    expect(config.notificationLeadMinutes).toBe(10);
    expect(config.syncIntervalMinutes).toBe(3);
    expect(config.sources.syncIntervalMinutes).toBe('backend');
    expect(config.team).toBe('tier-2');
    expect(config.sources.team).toBe('agent');
    expect(config.features).toEqual({ tierBadge: true, slaClocks: true, scripts: false, feedback: false });
  });

  it('falls back to defaults with no policy, no backend config and no options', () => {
    const config = effectiveConfig(parsePolicy({}), undefined, {});
    expect(config.notificationLeadMinutes).toBe(15);
    expect(config.enabledHelpdesks).toEqual(['zendesk', 'salesforce']);
    expect(config.backendUrl).toBeUndefined();
  });

  it('keeps the good policy keys and names the bad ones', () => {
    const { policy, errors } = parsePolicy({ backendUrl: 'ftp://nope', team: 'tier-1', colour: 'blue' });
    expect(policy).toEqual({ team: 'tier-1' });
    expect(errors.map((e) => e.key).sort()).toEqual(['backendUrl', 'colour']);
  });
});

describe('what makes the extension connect at once', () => {
  it('is a new server address, enrollment token or identity mode set by policy', () => {
    expect(policyConnectionChanged('managed', { enrollmentToken: { newValue: 'x'.repeat(8) } })).toBe(true);
    expect(policyConnectionChanged('managed', { backendUrl: { newValue: 'https://dl.example' } })).toBe(true);
    expect(policyConnectionChanged('managed', { identity: { newValue: 'sso' } })).toBe(true);
  });
  it('is never a change in storage.local, which content scripts can write too', () => {
    expect(policyConnectionChanged('local', { settings: { newValue: { backendUrl: 'https://evil.example' } } })).toBe(
      false,
    );
    expect(policyConnectionChanged('managed', { language: { newValue: 'zh' } })).toBe(false);
    expect(policyConnectionChanged('sync', { backendUrl: { newValue: 'https://dl.example' } })).toBe(false);
  });
});
