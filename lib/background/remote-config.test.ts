import { afterAll, beforeAll, expect, it } from 'vitest';
import { setConfig } from '../../server/config/config.handlers';
import { startTestBackend, type TestBackend } from '../../test/harness/backend';
import { effectiveConfig, parsePolicy } from './config';
import { fetchRemoteConfig } from './remote-config';

let server: TestBackend;
beforeAll(async () => {
  server = await startTestBackend();
});
afterAll(async () => {
  await server?.dispose();
});

it('pulls the team configuration, which sits between policy and the agent’s options', async () => {
  await setConfig(server.db, server.demo?.orgId ?? '', server.demo?.teamId ?? '', {
    notificationLeadMinutes: 25,
    features: { scripts: false },
  });
  const remote = await fetchRemoteConfig({ backendUrl: server.url, token: server.demo?.agentToken ?? '' });
  if ('error' in remote) throw new Error(remote.error);
  const config = effectiveConfig(parsePolicy({ notificationLeadMinutes: 5 }), remote, {
    notificationLeadMinutes: 40,
    features: { scripts: true },
  });
  expect(config.notificationLeadMinutes).toBe(5);
  expect(config.features.scripts).toBe(false);
  expect(config.sources.features).toBe('backend');
  const withoutPolicy = effectiveConfig(parsePolicy({}), remote, { notificationLeadMinutes: 40 });
  expect(withoutPolicy.notificationLeadMinutes).toBe(25);
});

it('reports a refused token in words, and as refused, so the browser proves who uses it again', async () => {
  expect(await fetchRemoteConfig({ backendUrl: server.url, token: 'dl_agent_nope' })).toEqual({
    error: 'the server answered 401 for the team configuration',
    tokenRefused: true,
  });
});
