import plist from 'plist';
import { describe, expect, it } from 'vitest';
import { keep, managedSchema } from '../../test/harness/managed-schema';
import { ManagedPolicy } from '../schema/config';
import { generatePolicies, type PolicyFile, type PolicyRequest } from '.';

/** Values an admin may well type (a Chinese team name) and values that break naive escaping. */
const HOSTILE = {
  team: '客服一组 "Tier\\1" <b>&amp; \'x\'\n二线',
  enrollmentToken: 'dl_enroll_"quo\\ted"<&>\'中文\r\n',
};
const request: PolicyRequest = {
  browsers: ['chrome', 'edge', 'firefox'],
  platforms: ['linux', 'windows', 'macos'],
  settings: {
    backendUrl: 'https://desklens.acme.test/',
    identity: 'approval',
    ...HOSTILE,
    enabledHelpdesks: ['zendesk', 'generic:redmine'],
    genericAdapters: [{ id: 'redmine', name: 'Redmine «内部»', matches: ['https://rm.acme.test/*'], allowHttp: false }],
    features: { scripts: false, feedback: true },
    notificationLeadMinutes: 30,
    language: 'zh_CN',
    syncIntervalMinutes: 10,
  },
};

function files(input: PolicyRequest = request): PolicyFile[] {
  const result = generatePolicies(input);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.files;
}
const byName = (name: string) => {
  const file = files().find((f) => f.name === name);
  if (!file) throw new Error(`${name} not generated`);
  return file;
};

/** Follow `path` through parsed JSON or plist data. */
function dig(value: unknown, ...path: (string | number)[]): unknown {
  return path.reduce<unknown>((node, step) => (node as Record<string | number, unknown> | undefined)?.[step], value);
}

/** The extension's managed configuration inside a generated file, read back the way its browser reads it. */
function managedFrom(file: PolicyFile): Record<string, unknown> {
  if (file.format === 'reg') return readReg(file.content, file.browser === 'firefox');
  const doc: unknown = file.format === 'json' ? JSON.parse(file.content) : plist.parse(file.content);
  const root = file.format === 'mobileconfig' ? dig(doc, 'PayloadContent', 0) : doc;
  const managed =
    file.browser === 'firefox'
      ? dig(file.format === 'json' ? dig(root, 'policies') : root, '3rdparty', 'Extensions', 'desklens@desklens.app')
      : dig(root, '3rdparty', 'extensions', 'goahlondhlgdmjjhmengplhcbjjlbcnd');
  return managed as Record<string, unknown>;
}

/** A .reg file read as regedit would, then the extension's policy key as Chrome (schema) or Firefox sees it. */
function readReg(content: string, firefox: boolean): Record<string, unknown> {
  expect(content).toMatch(/^[\t\n\r -~]*$/); // ASCII only: no code page can garble it
  const keys = new Map<string, Record<string, unknown>>();
  let current: Record<string, unknown> = {};
  for (const line of content.replace(/,\\\n\s+/g, ',').split('\n')) {
    const section = /^\[(-?)(.+)\]$/.exec(line);
    if (section) {
      current = {};
      if (!section[1]) keys.set(section[2] as string, current);
      continue;
    }
    const value = /^"((?:[^"\\]|\\.)*)"=(.*)$/.exec(line);
    if (!value) continue;
    const name = (value[1] as string).replace(/\\(.)/g, '$1');
    const data = value[2] as string;
    if (data.startsWith('dword:')) current[name] = Number.parseInt(data.slice(6), 16);
    else if (data.startsWith('hex(1):')) {
      const bytes = data
        .slice(7)
        .split(',')
        .map((b) => Number.parseInt(b, 16));
      const units: number[] = [];
      for (let i = 0; i < bytes.length; i += 2) units.push((bytes[i] as number) | ((bytes[i + 1] as number) << 8));
      expect(units.at(-1)).toBe(0);
      current[name] = String.fromCharCode(...units.slice(0, -1));
    } else current[name] = JSON.parse(data.replace(/\\\\/g, '\\u005c'));
  }
  const prefix = firefox
    ? 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Mozilla\\Firefox\\3rdparty\\Extensions\\desklens@desklens.app'
    : ([...keys.keys()].find((k) => k.endsWith('\\policy')) ?? '');
  const policy: Record<string, unknown> = { ...keys.get(prefix) };
  for (const [path, values] of keys) {
    if (!path.startsWith(`${prefix}\\`)) continue;
    const name = path.slice(prefix.length + 1);
    const schema = managedSchema.properties?.[name];
    // Chrome converts by the schema: numbered values to a list, DWORDs of a boolean to booleans.
    policy[name] =
      schema?.type === 'array'
        ? Object.values(values)
        : Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === 1]));
  }
  if (!firefox && typeof policy.genericAdapters === 'string')
    policy.genericAdapters = JSON.parse(policy.genericAdapters);
  return policy;
}

describe('generatePolicies', () => {
  it('writes one file per browser and platform asked for', () => {
    expect(files().map((f) => f.name)).toEqual([
      'chromium-linux.json',
      'chrome-windows.reg',
      'chrome-macos.mobileconfig',
      'edge-linux.json',
      'edge-windows.reg',
      'edge-macos.mobileconfig',
      'firefox-policies.json',
      'firefox-windows.reg',
      'firefox-macos.mobileconfig',
    ]);
    expect(files({ ...request, browsers: ['edge'], platforms: ['macos'] }).map((f) => f.name)).toEqual([
      'edge-macos.mobileconfig',
    ]);
  });

  it.each(files().map((f) => f.name))(
    '%s carries the settings exactly, hostile text included, valid for Chrome’s schema and DeskLens',
    (name) => {
      const file = byName(name);
      const managed = managedFrom(file);
      const expected = { ...request.settings, backendUrl: 'https://desklens.acme.test/' };
      for (const key of file.omitted) delete (expected as Record<string, unknown>)[key];
      expect(managed).toEqual(expected);
      const dropped: string[] = [];
      keep(managed, managedSchema, '(policy)', dropped);
      expect(dropped).toEqual([]);
      expect(ManagedPolicy.safeParse(managed).error).toBeUndefined();
    },
  );

  it('force-installs the extension from the server’s own folder unless told otherwise', () => {
    const linux = JSON.parse(byName('chromium-linux.json').content);
    expect(linux.ExtensionSettings.goahlondhlgdmjjhmengplhcbjjlbcnd).toEqual({
      installation_mode: 'force_installed',
      update_url: 'https://desklens.acme.test/extension/updates.xml',
      toolbar_pin: 'force_pinned',
    });
    const firefox = JSON.parse(byName('firefox-policies.json').content);
    expect(firefox.policies.ExtensionSettings['desklens@desklens.app']).toEqual({
      installation_mode: 'force_installed',
      install_url: 'https://desklens.acme.test/extension/desklens-latest.xpi',
    });
    const own = files({
      ...request,
      browsers: ['chrome'],
      platforms: ['macos'],
      chromeExtensionId: 'abcdefghijklmnopabcdefghijklmnop',
      chromeUpdateUrl: 'https://clients2.google.com/service/update2/crx',
    })[0] as PolicyFile;
    const profile = plist.parse(own.content) as { PayloadContent: { ExtensionInstallForcelist: string[] }[] };
    expect(profile.PayloadContent[0]?.ExtensionInstallForcelist).toEqual([
      'abcdefghijklmnopabcdefghijklmnop;https://clients2.google.com/service/update2/crx',
    ]);
  });

  it('escapes for each format: quoted .reg strings, hex for non-ASCII and line breaks, XML entities', () => {
    const reg = byName('chrome-windows.reg').content;
    expect(reg).toContain('"language"="zh_CN"');
    expect(reg).toMatch(/"team"=hex\(1\):a2,5b,/); // 客 is U+5BA2, written little-endian
    const plain = files({ ...request, settings: { backendUrl: 'https://x.test', team: 'say "hi" \\ there' } })[1];
    expect(plain?.content).toContain('"team"="say \\"hi\\" \\\\ there"');
    const profile = byName('edge-macos.mobileconfig').content;
    expect(profile).toContain('<string>客服一组 &quot;Tier\\1&quot; &lt;b&gt;&amp;amp; &apos;x&apos;\n二线</string>');
    expect(profile).not.toContain('<b>');
  });

  it('says which settings the Firefox registry cannot carry, in the file too', () => {
    const reg = byName('firefox-windows.reg');
    expect(reg.omitted).toEqual(['enabledHelpdesks', 'genericAdapters', 'features']);
    expect(reg.content).toContain('use policies.json for them): enabledHelpdesks, genericAdapters, features.');
  });

  it('gives the same bytes, profile UUIDs included, for the same choices, and new UUIDs for new ones', () => {
    const again = files();
    expect(again).toEqual(files());
    const uuids = (content: string) =>
      content.match(/[0-9A-F]{8}-[0-9A-F]{4}-8[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}/g);
    const first = uuids(byName('chrome-macos.mobileconfig').content);
    expect(first).toHaveLength(2);
    const changed = files({ ...request, settings: { ...request.settings, team: 'tier-2' } }).find(
      (f) => f.name === 'chrome-macos.mobileconfig',
    );
    expect(uuids(changed?.content ?? '')).not.toEqual(first);
  });

  it('names each bad field', () => {
    const result = generatePolicies({
      browsers: [],
      platforms: ['linux'],
      chromeExtensionId: 'not-an-id',
      settings: {
        backendUrl: 'ftp://x',
        enrollmentToken: 'short',
        team: 'bell\u0007',
        notificationLeadMinutes: 999,
      },
    });
    expect(result.ok).toBe(false);
    const paths = result.ok ? [] : result.issues.map((issue) => issue.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'browsers',
        'chromeExtensionId',
        'settings.backendUrl',
        'settings.enrollmentToken',
        'settings.notificationLeadMinutes',
      ]),
    );
    const control = generatePolicies({
      browsers: ['chrome'],
      platforms: ['linux'],
      settings: { backendUrl: 'https://x.test', team: 'bell\u0007' },
    });
    expect(control.ok ? [] : control.issues).toEqual([
      { path: 'settings.team', message: 'contains a control character a policy file cannot carry' },
    ]);
  });
});
