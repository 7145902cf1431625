import { describe, expect, it } from 'vitest';
import { connectionChanged, effectiveConfig, parsePolicy } from './config';

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
  const settings = (oldValue: unknown, newValue: unknown) => ({ settings: { oldValue, newValue } });
  it('is a new server address or credential, in the agent settings or by policy', () => {
    expect(connectionChanged('local', settings(undefined, { backendUrl: 'https://dl.example' }), 'settings')).toBe(
      true,
    );
    expect(
      connectionChanged('local', settings({ agentToken: 'a'.repeat(8) }, { agentToken: 'b'.repeat(8) }), 'settings'),
    ).toBe(true);
    expect(connectionChanged('managed', { enrollmentToken: { newValue: 'x'.repeat(8) } }, 'settings')).toBe(true);
  });
  it('is not the panel being expanded, another key, or another storage area', () => {
    const before = { backendUrl: 'https://dl.example', overlayExpanded: false };
    expect(connectionChanged('local', settings(before, { ...before, overlayExpanded: true }), 'settings')).toBe(false);
    expect(connectionChanged('local', { remoteConfig: { newValue: {} } }, 'settings')).toBe(false);
    expect(connectionChanged('managed', { language: { newValue: 'zh' } }, 'settings')).toBe(false);
    expect(connectionChanged('sync', settings(undefined, { backendUrl: 'https://dl.example' }), 'settings')).toBe(
      false,
    );
  });
});
