import type { z } from 'zod';
import { ManagedPolicy } from '../schema/config';
import { type PlistValue, plistDocument } from './plist';
import { REG_HEADER, regSection, regValue } from './reg';
import {
  type ParsedPolicyRequest,
  type PolicyBrowser,
  type PolicyPlatform,
  PolicyRequest,
  type RolloutSettings,
} from './request';
import { stableUuid } from './uuid';

export type PolicyFormat = 'json' | 'reg' | 'mobileconfig';

/** One ready file: what to download, and where it goes. */
export interface PolicyFile {
  name: string;
  browser: PolicyBrowser;
  platform: PolicyPlatform;
  format: PolicyFormat;
  mediaType: string;
  /** Linux: where the file is copied (each browser build reads its own folder). Empty elsewhere. */
  installPaths: string[];
  /** Settings this format cannot carry for this browser (said in the file too). */
  omitted: string[];
  content: string;
}

export type PolicyIssue = { path: string; message: string };
export type GenerateResult = { ok: true; files: PolicyFile[] } | { ok: false; issues: PolicyIssue[] };

const MEDIA: Record<PolicyFormat, string> = {
  json: 'application/json',
  reg: 'text/plain',
  mobileconfig: 'application/x-apple-aspen-config',
};

type Settings = Record<string, PlistValue>;

/** The settings in the managed schema's order, unset ones left out: the same choices always give the same bytes. */
function ordered(settings: RolloutSettings): Settings {
  const out: Settings = {};
  for (const key of Object.keys(ManagedPolicy.shape) as (keyof RolloutSettings)[]) {
    const value = settings[key];
    // why: the zod output is JSON data (strings, integers, booleans, lists, objects), which is what a plist holds.
    if (value !== undefined) out[key] = value as PlistValue;
  }
  return out;
}

const CHROMIUM = {
  chrome: {
    label: 'Google Chrome',
    registry: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome',
    payloadType: 'com.google.Chrome',
    linuxName: 'chromium-linux.json',
    linuxPaths: ['/etc/opt/chrome/policies/managed/desklens.json', '/etc/chromium/policies/managed/desklens.json'],
  },
  edge: {
    label: 'Microsoft Edge',
    registry: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge',
    payloadType: 'com.microsoft.Edge',
    linuxName: 'edge-linux.json',
    linuxPaths: ['/etc/opt/edge/policies/managed/desklens.json'],
  },
} as const;

/** `desklens.example.com` → `com.example.desklens`: profile identifiers in the organisation's own namespace. */
function identifierPrefix(backendUrl: string): string {
  return new URL(backendUrl).hostname.split('.').reverse().join('.');
}

function chromiumLinux(request: ParsedPolicyRequest, settings: Settings, updateUrl: string): string {
  const id = request.chromeExtensionId;
  const policy = {
    ExtensionSettings: {
      [id]: { installation_mode: 'force_installed', update_url: updateUrl, toolbar_pin: 'force_pinned' },
    },
    '3rdparty': { extensions: { [id]: settings } },
  };
  return `${JSON.stringify(policy, null, 2)}\n`;
}

/**
 * Chrome and Edge read an extension's registry policy through its schema: strings as REG_SZ, integers and booleans
 * as REG_DWORD, lists as numbered values in a subkey, objects as subkeys, and a list or object given as a JSON
 * string is parsed (what genericAdapters needs, its descriptions being nested objects).
 */
function chromiumReg(
  browser: 'chrome' | 'edge',
  request: ParsedPolicyRequest,
  settings: Settings,
  updateUrl: string,
): string {
  const root = CHROMIUM[browser].registry;
  const id = request.chromeExtensionId;
  const policyKey = `${root}\\3rdparty\\extensions\\${id}\\policy`;
  const scalars: string[] = [];
  const subkeys: string[] = [];
  for (const [key, value] of Object.entries(settings)) {
    if (key === 'genericAdapters') scalars.push(regValue(key, JSON.stringify(value)));
    else if (Array.isArray(value))
      subkeys.push(
        regSection(
          `${policyKey}\\${key}`,
          value.map((item, i) => regValue(String(i + 1), item as string)),
        ),
      );
    else if (typeof value === 'object')
      subkeys.push(
        regSection(
          `${policyKey}\\${key}`,
          Object.entries(value).map(([name, item]) => regValue(name, item as boolean)),
        ),
      );
    else scalars.push(regValue(key, value));
  }
  return `${[
    REG_HEADER,
    [
      `; Force-install DeskLens in ${CHROMIUM[browser].label} for every user of this machine and configure it.`,
      '; "1" is the first force-install entry: renumber it if this machine force-installs other extensions too.',
      '; The DeskLens settings are removed first, so a setting left out of this file does not linger.',
    ].join('\n'),
    regSection(`${root}\\ExtensionInstallForcelist`, [regValue('1', `${id};${updateUrl}`)]),
    `[-${root}\\3rdparty\\extensions\\${id}]`,
    regSection(policyKey, scalars),
    ...subkeys,
  ].join('\n\n')}\n`;
}

function chromiumMobileconfig(
  browser: 'chrome' | 'edge',
  request: ParsedPolicyRequest,
  settings: Settings,
  updateUrl: string,
): string {
  const id = request.chromeExtensionId;
  return profile(request, browser, CHROMIUM[browser].label, settings, {
    PayloadType: CHROMIUM[browser].payloadType,
    ExtensionInstallForcelist: [`${id};${updateUrl}`],
    '3rdparty': { extensions: { [id]: settings } },
  });
}

function firefoxExtensionSettings(request: ParsedPolicyRequest, installUrl: string) {
  return { [request.firefoxExtensionId]: { installation_mode: 'force_installed', install_url: installUrl } };
}

function firefoxJson(request: ParsedPolicyRequest, settings: Settings, installUrl: string): string {
  const policy = {
    policies: {
      ExtensionSettings: firefoxExtensionSettings(request, installUrl),
      '3rdparty': { Extensions: { [request.firefoxExtensionId]: settings } },
    },
  };
  return `${JSON.stringify(policy, null, 2)}\n`;
}

/**
 * Firefox reads `3rdparty` from the registry with no schema: a REG_DWORD stays a number (so a switch would arrive
 * as 1, not true) and nested keys do not become lists reliably. Only strings and integers go this way; the rest is
 * named in the file and in `omitted`, for policies.json or the macOS profile, which carry every type.
 */
const FIREFOX_REG_TYPES = new Set(['string', 'number']);

function firefoxReg(request: ParsedPolicyRequest, settings: Settings, installUrl: string) {
  const root = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Mozilla\\Firefox';
  const kept = Object.entries(settings).filter(([, value]) => FIREFOX_REG_TYPES.has(typeof value));
  const omitted = Object.keys(settings).filter((key) => !kept.some(([name]) => name === key));
  const comments = [
    '; Firefox on Windows: the same settings as policies.json, through the registry (or the Firefox ADMX templates).',
    '; ExtensionSettings replaces any other add-on settings of this machine: merge them in if there are some.',
    ...(omitted.length > 0
      ? [`; Not carried by the Firefox registry (use policies.json for them): ${omitted.join(', ')}.`]
      : []),
  ];
  const content = [
    REG_HEADER,
    comments.join('\n'),
    regSection(root, [regValue('ExtensionSettings', JSON.stringify(firefoxExtensionSettings(request, installUrl)))]),
    `[-${root}\\3rdparty\\Extensions\\${request.firefoxExtensionId}]`,
    regSection(
      `${root}\\3rdparty\\Extensions\\${request.firefoxExtensionId}`,
      kept.map(([key, value]) => regValue(key, value as string | number)),
    ),
  ].join('\n\n');
  return { content: `${content}\n`, omitted };
}

function firefoxMobileconfig(request: ParsedPolicyRequest, settings: Settings, installUrl: string): string {
  return profile(request, 'firefox', 'Firefox', settings, {
    PayloadType: 'org.mozilla.firefox',
    EnterprisePoliciesEnabled: true,
    ExtensionSettings: firefoxExtensionSettings(request, installUrl),
    '3rdparty': { Extensions: { [request.firefoxExtensionId]: settings } },
  });
}

/** A configuration profile holding one app's managed preferences; UUIDs follow from its content. */
function profile(
  request: ParsedPolicyRequest,
  browser: PolicyBrowser,
  label: string,
  settings: Settings,
  payload: Record<string, PlistValue> & { PayloadType: string },
): string {
  const prefix = identifierPrefix(request.settings.backendUrl);
  const identifier = `${prefix.endsWith('.desklens') ? prefix : `${prefix}.desklens`}.${browser}`;
  const seed = JSON.stringify([identifier, payload, settings]);
  const { PayloadType, ...preferences } = payload;
  return plistDocument({
    PayloadDisplayName: `DeskLens for ${label}`,
    PayloadIdentifier: identifier,
    PayloadType: 'Configuration',
    PayloadUUID: stableUuid(`profile ${seed}`),
    PayloadVersion: 1,
    PayloadContent: [
      {
        PayloadType,
        PayloadIdentifier: `${identifier}.settings`,
        PayloadUUID: stableUuid(`payload ${seed}`),
        PayloadVersion: 1,
        ...preferences,
      },
    ],
  });
}

function issuesOf(error: z.ZodError): PolicyIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

/**
 * Every policy file for the browsers and platforms asked for, from one validated request: the rollout page, the
 * documented samples (scripts/policy-samples.ts) and the real-policy tests all come through here.
 */
export function generatePolicies(input: PolicyRequest): GenerateResult {
  const parsed = PolicyRequest.safeParse(input);
  if (!parsed.success) return { ok: false, issues: issuesOf(parsed.error) };
  const request = parsed.data;
  const settings = ordered(request.settings);
  const server = request.settings.backendUrl.replace(/\/+$/, '');
  const updateUrl = request.chromeUpdateUrl ?? `${server}/extension/updates.xml`;
  const installUrl = request.firefoxInstallUrl ?? `${server}/extension/desklens-latest.xpi`;
  const files: PolicyFile[] = [];
  const add = (file: Omit<PolicyFile, 'mediaType' | 'installPaths' | 'omitted'> & Partial<PolicyFile>) =>
    files.push({ installPaths: [], omitted: [], mediaType: MEDIA[file.format], ...file });

  for (const browser of PolicyBrowserOrder.filter((b) => request.browsers.includes(b))) {
    for (const platform of PolicyPlatformOrder.filter((p) => request.platforms.includes(p))) {
      if (browser === 'firefox') {
        if (platform === 'linux')
          add({
            name: 'firefox-policies.json',
            browser,
            platform,
            format: 'json',
            installPaths: ['/etc/firefox/policies/policies.json'],
            content: firefoxJson(request, settings, installUrl),
          });
        if (platform === 'windows') {
          const { content, omitted } = firefoxReg(request, settings, installUrl);
          add({ name: 'firefox-windows.reg', browser, platform, format: 'reg', omitted, content });
        }
        if (platform === 'macos')
          add({
            name: 'firefox-macos.mobileconfig',
            browser,
            platform,
            format: 'mobileconfig',
            content: firefoxMobileconfig(request, settings, installUrl),
          });
        continue;
      }
      if (platform === 'linux')
        add({
          name: CHROMIUM[browser].linuxName,
          browser,
          platform,
          format: 'json',
          installPaths: [...CHROMIUM[browser].linuxPaths],
          content: chromiumLinux(request, settings, updateUrl),
        });
      if (platform === 'windows')
        add({
          name: `${browser}-windows.reg`,
          browser,
          platform,
          format: 'reg',
          content: chromiumReg(browser, request, settings, updateUrl),
        });
      if (platform === 'macos')
        add({
          name: `${browser}-macos.mobileconfig`,
          browser,
          platform,
          format: 'mobileconfig',
          content: chromiumMobileconfig(browser, request, settings, updateUrl),
        });
    }
  }
  return { ok: true, files };
}

const PolicyBrowserOrder: PolicyBrowser[] = ['chrome', 'edge', 'firefox'];
const PolicyPlatformOrder: PolicyPlatform[] = ['linux', 'windows', 'macos'];
