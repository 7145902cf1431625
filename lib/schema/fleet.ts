import { z } from 'zod';

/**
 * What a browser tells the server about itself on each catalog pull (once per sync interval), so admins see the
 * fleet: its DeskLens version and how much waits in its outbox. Headers, not a body, because the pull is a GET.
 */
export const CHECKIN_HEADERS = {
  version: 'x-desklens-version',
  queued: 'x-desklens-queued',
  rejected: 'x-desklens-rejected',
} as const;

const Count = z.int().min(0);

/** One browser (one agent token) as it last checked in. */
export const FleetBrowser = z.object({
  tokenId: z.string(),
  agent: z.object({ id: z.string(), email: z.string(), name: z.string().nullable() }),
  team: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** `Chrome 156`, `Edge 140`, `Firefox 153`, from its User-Agent; null when it sent none we know. */
  browser: z.string().nullable(),
  extensionVersion: z.string().nullable(),
  lastSyncAt: z.string(),
  queued: Count.nullable(),
  rejected: Count.nullable(),
});
export type FleetBrowser = z.infer<typeof FleetBrowser>;

/** Selectors that stopped matching, by helpdesk and extension version: a helpdesk release breaking an adapter. */
export const AdapterBreakage = z.object({
  helpdesk: z.string(),
  extensionVersion: z.string().nullable(),
  selector: z.string(),
  reports: Count,
  agents: Count,
  firstAt: z.string(),
  lastAt: z.string(),
});
export type AdapterBreakage = z.infer<typeof AdapterBreakage>;

export const FleetHealth = z.object({
  /** Adapter reports are counted over this many days. */
  windowDays: z.int(),
  totals: z.object({ browsers: Count, syncedLastDay: Count, queued: Count, rejected: Count }),
  versions: z.array(z.object({ extensionVersion: z.string().nullable(), browsers: Count })),
  browsers: z.array(FleetBrowser),
  adapterBreakages: z.array(AdapterBreakage),
});
export type FleetHealth = z.infer<typeof FleetHealth>;

/** `Chrome 156` from a User-Agent (Edge and Firefox named first: Edge also says Chrome, Chromium says Chrome). */
export function browserFromUserAgent(userAgent: string | undefined | null): string | null {
  if (!userAgent) return null;
  for (const [name, pattern] of [
    ['Edge', /\bEdg\/(\d+)/],
    ['Firefox', /\bFirefox\/(\d+)/],
    ['Chrome', /Chrome\/(\d+)/], // also HeadlessChrome
  ] as const) {
    const match = pattern.exec(userAgent);
    if (match) return `${name} ${match[1]}`;
  }
  return null;
}
