import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium, expect, type Page } from '@playwright/test';
import type { DeskLensEventInput } from '../../lib/schema/events';
import type { RunningServer } from '../../server/start';
import { tokenForUser } from '../../server/testing';
import { chromiumPath, ROOT } from './paths';

/** What seeding needs of a running backend (a test's or `npm start`'s). */
type Backend = Pick<RunningServer, 'url' | 'db' | 'demo'>;

/** Plain Chromium for the console (no extension): the console is an ordinary web page on the backend's origin. */
export function launchConsoleBrowser(): Promise<Browser> {
  if (!existsSync(resolve(ROOT, '.output/console/index.html')))
    throw new Error('No console build in .output/console: run "npm run build" (or "npm run build:console") first.');
  return chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu'] });
}

/** Posts events as an agent, through the API the extension uses. */
export async function postEvents(backend: Backend, token: string, events: DeskLensEventInput[]): Promise<void> {
  const response = await fetch(`${backend.url}/api/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ events }),
  });
  if (response.status !== 200) throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
}

const hoursAgo = (now: number, hours: number) => new Date(now - hours * 3_600_000).toISOString();

/** One score, with whatever else the test wants on it. */
export function score(
  ticketId: string,
  at: string,
  fields: Partial<Extract<DeskLensEventInput, { type: 'feedback' }>> = {},
): DeskLensEventInput {
  return {
    type: 'feedback',
    id: randomUUID(),
    occurredAt: at,
    helpdesk: 'zendesk',
    ticketId,
    customer: {},
    csat: 5,
    ...fields,
  };
}

/**
 * A fixed spread of scores and SLA outcomes in the last two days: Ada (Tier 1) mostly satisfied with weak
 * after-sales support, Bo (Tier 2) mostly not, so rankings, bands, the radar and the weakest dimension all have
 * something to show. Returns the agents' tokens for posting more.
 */
export async function seedConsoleData(backend: Backend, now = Date.now()) {
  const ada = backend.demo?.agentToken ?? '';
  const bo = await tokenForUser(backend.db, 'bo@acme.test');
  const adaScores: DeskLensEventInput[] = [];
  const csats = [5, 5, 4, 5, 3, 4, 5, 5, 2, 5, 4, 5];
  csats.forEach((csat, i) => {
    adaScores.push(
      score(`A${100 + i}`, hoursAgo(now, 2 + i * 3), {
        csat,
        nps: [10, 9, 8, 10, 6, 9, 10, 9, 3, 10, 7, 9][i],
        dimensions: {
          product_quality: 4,
          response_speed: 5,
          after_sales_support: (i % 3) + 1,
          staff_professionalism: 5,
        },
        complaintGrade: i % 4 === 0 ? 'important' : i === 8 ? 'urgent' : 'normal',
        ...(i === 8 ? { comment: 'Refund took three weeks; nobody called back.' } : {}),
      }),
    );
  });
  const sla: DeskLensEventInput[] = [0, 1, 2, 3, 4, 5].map((i) => ({
    type: 'sla',
    id: randomUUID(),
    occurredAt: hoursAgo(now, 3 + i * 4),
    helpdesk: 'zendesk',
    ticketId: `A${100 + i}`,
    metric: i % 2 ? 'next_reply_time' : 'first_reply_time',
    state: 'fulfilled',
    breached: i === 2 || i === 3,
    elapsedMs: (10 + i * 7) * 60_000,
  }));
  await postEvents(backend, ada, [...adaScores, ...sla]);
  const boScores = [2, 3, 4, 1, 3].map((csat, i) =>
    score(`B${200 + i}`, hoursAgo(now, 5 + i * 5), {
      csat,
      nps: [2, 5, 7, 0, 6][i],
      dimensions: { product_quality: 3, response_speed: 2, value_for_money: 3 },
      complaintGrade: i === 3 ? 'urgent' : 'normal',
    }),
  );
  await postEvents(backend, bo, boScores);
  return { ada, bo };
}

/** Signs in through the console's own form, by keyboard. */
export async function signInToConsole(page: Page, backend: Backend, email: string, password: string) {
  await page.goto(`${backend.url}/`);
  await page.getByLabel(/Work email|工作邮箱|工作電子郵件/).fill(email);
  await page.getByLabel(/Password|密码|密碼/).fill(password);
  await page.keyboard.press('Enter');
  await page.getByTestId('who').waitFor();
}

export const DEMO_PASSWORDS = {
  lee: { email: 'lee@acme.test', password: 'demo-lead' },
  admin: { email: 'admin@acme.test', password: 'demo-admin' },
} as const;

/** Deterministic pseudo-random numbers, so the demo and its screenshots look the same every time. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const DIMENSION_KEYS = [
  'product_quality',
  'response_speed',
  'staff_professionalism',
  'value_for_money',
  'after_sales_support',
  'ease_of_communication',
] as const;

/**
 * Sixty days of scores and SLA outcomes for the demo's two agents (a few a day each), so `npm start` and the
 * screenshots show trends, rankings and a weakest dimension: Ada slowly improving, Bo slipping, after-sales
 * support the weak spot. Skipped when the database already holds scores.
 */
export async function seedDemoHistory(backend: Backend, now = Date.now()): Promise<void> {
  const any = await backend.db.selectFrom('feedback').select('event_id').limit(1).executeTakeFirst();
  if (any) return;
  const ada = backend.demo?.agentToken ?? '';
  const bo = await tokenForUser(backend.db, 'bo@acme.test');
  const next = random(42);
  for (const [token, agent, base, drift] of [
    [ada, 'A', 4.1, 0.4],
    [bo, 'B', 4.0, -0.9],
  ] as const) {
    const events: DeskLensEventInput[] = [];
    for (let day = 59; day >= 0; day--) {
      const trend = base + drift * ((59 - day) / 59);
      const perDay = 2 + Math.floor(next() * 4);
      for (let i = 0; i < perDay; i++) {
        const at = new Date(now - day * 86_400_000 - next() * 8 * 3_600_000).toISOString();
        const ticketId = `${agent}${day}${i}`;
        const csat = Math.max(1, Math.min(5, Math.round(trend + (next() - 0.5) * 2.2)));
        const dimensions: Record<string, number> = {};
        for (const d of DIMENSION_KEYS) {
          if (next() < 0.35) continue;
          const weak = d === 'after_sales_support' ? 1.3 : d === 'value_for_money' ? 0.5 : 0;
          dimensions[d] = Math.max(1, Math.min(5, Math.round(csat - weak + (next() - 0.5) * 1.5)));
        }
        const roll = next();
        events.push(
          score(ticketId, at, {
            csat,
            nps: Math.max(0, Math.min(10, Math.round(csat * 2 + (next() - 0.5) * 3))),
            dimensions,
            complaintGrade: csat <= 2 ? (roll < 0.3 ? 'urgent' : 'important') : roll < 0.1 ? 'important' : 'normal',
            ...(csat <= 2 && roll < 0.5 ? { comment: 'Waited days for a refund; nobody called back.' } : {}),
          }),
        );
        if (next() < 0.7)
          events.push({
            type: 'sla',
            id: randomUUID(),
            occurredAt: at,
            helpdesk: 'zendesk',
            ticketId,
            metric: next() < 0.6 ? 'first_reply_time' : 'next_reply_time',
            state: 'fulfilled',
            breached: next() < (agent === 'A' ? 0.08 : 0.2),
            elapsedMs: Math.round((5 + next() * 40) * 60_000),
          });
      }
    }
    for (let i = 0; i < events.length; i += 200) await postEvents(backend, token, events.slice(i, i + 200));
  }
}

/** axe-core on the page as it is now: every violation named with the elements it found, none expected. */
export async function noAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
}
