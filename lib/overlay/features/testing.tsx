import { parseHTML } from 'linkedom';
import { render } from 'preact';
import type { Lang } from '../../../components/format';
import type { CapturedFeedback, Insights } from '../../messaging';
import type { TicketContextInput } from '../../schema/ticket';
import { FeaturePanel } from './panel';
import { createPageStore, startFeatures } from './runtime';
import type {
  AnyFeature,
  FeatureHost,
  FeedbackCapture,
  InsertOutcome,
  ScriptUsageCapture,
  TicketSnapshot,
} from './types';

/**
 * A host for unit tests of features: an in-memory helpdesk that records what the features ask of it, on a
 * linkedom document (the features run on real DOM events; the real hosts are covered end to end).
 */
export function installDom(): Document {
  const { window, document } = parseHTML('<!doctype html><html><body></body></html>');
  const global = globalThis as unknown as Record<string, unknown>;
  global.window = window;
  global.document = document;
  global.addEventListener = window.addEventListener.bind(window);
  global.removeEventListener = window.removeEventListener.bind(window);
  return document as unknown as Document;
}

export const ticket = (id: string, extra: Partial<TicketContextInput> = {}): TicketContextInput => ({
  helpdesk: 'zendesk',
  ticketId: id,
  url: `https://acme.zendesk.com/agent/tickets/${id}`,
  subject: `Subject of ${id}`,
  requester: { name: `Requester ${id}`, email: `r${id}@example.test` },
  tags: [],
  ...extra,
});

export function insightsFor(id: string, extra: Partial<Insights> = {}): Insights {
  return {
    ticketId: id,
    computedAt: Date.now(),
    grade: 'normal',
    tier: {
      id: 'vip',
      label: { en: 'VIP', zh_CN: '贵宾' },
      colour: '#6b21a8',
      lifecycle: 'mature',
      reasons: [{ en: 'Tagged vip', zh_CN: '带有 vip 标签' }],
      history: {},
    },
    sla: [],
    scripts: [],
    ...extra,
  };
}

export interface TestHost extends FeatureHost {
  emit(snapshot: TicketSnapshot): void;
  insightsAsked: string[];
  captured: FeedbackCapture[];
  usage: ScriptUsageCapture[];
  inserted: string[];
  searches: { ticketId: string; query: string }[];
  health: string[][];
  undone: string[];
  /** What `insights` answers per ticket id (default: insightsFor(id)). */
  answers: Map<string, Insights>;
  insertAccepts: boolean;
  /** Why an insert that was not accepted failed (the adapter's own check says "not-kept"). */
  insertFailure?: InsertOutcome['failure'];
}

export function createTestHost(options: { lang?: Lang } = {}): TestHost {
  let listener: ((snapshot: TicketSnapshot) => void) | undefined;
  let seq = 0;
  const host: TestHost = {
    helpdesk: 'zendesk',
    lang: options.lang ?? 'en',
    t: (key, subs) => (subs === undefined ? key : `${key}(${([] as string[]).concat(subs).join(',')})`),
    observe(_signal, onSnapshot) {
      listener = onSnapshot;
    },
    emit: (snapshot) => listener?.(snapshot),
    insightsAsked: [],
    captured: [],
    usage: [],
    inserted: [],
    searches: [],
    health: [],
    undone: [],
    answers: new Map(),
    insertAccepts: true,
    async insights(t) {
      host.insightsAsked.push(t.ticketId);
      return { ok: true, value: host.answers.get(t.ticketId) ?? insightsFor(t.ticketId) };
    },
    async searchScripts(t, query) {
      host.searches.push({ ticketId: t.ticketId, query });
      return { ok: true, value: (host.answers.get(t.ticketId) ?? insightsFor(t.ticketId)).scripts };
    },
    async captureFeedback(event) {
      host.captured.push(event);
      const value: CapturedFeedback = {
        eventId: `e${++seq}`,
        csat: event.csat,
        round: event.round ?? 'initial',
        capturedAt: new Date().toISOString(),
        syncState: 'queued',
      };
      return { ok: true, value };
    },
    async undoFeedback(eventId) {
      host.undone.push(eventId);
      return { ok: true, value: undefined };
    },
    captureScriptUsage: (event) => void host.usage.push(event),
    reportHealth: (missing) => void host.health.push(missing),
    async insertReply(text) {
      if (host.insertAccepts) host.inserted.push(text);
      return host.insertAccepts || !host.insertFailure
        ? { inserted: host.insertAccepts }
        : { inserted: false, failure: host.insertFailure };
    },
  };
  return host;
}

/** Runs `features` on a test host with the panel rendered into the linkedom body. */
export function runFeatures(features: readonly AnyFeature[], options: { lang?: Lang } = {}) {
  const document = installDom();
  const host = createTestHost(options);
  const page = createPageStore();
  const controller = new AbortController();
  const started = startFeatures({ host, page, features, signal: controller.signal });
  const root = document.createElement('div');
  document.body.append(root);
  render(<FeaturePanel host={host} page={page} features={features} />, root);
  return { host, page, root, document, refresh: started.refresh, stop: () => controller.abort() };
}

/** Lets pending promise callbacks and Preact's debounced renders run. */
export const settle = () => new Promise((done) => setTimeout(done, 20));

/** A key press on the page (linkedom has no KeyboardEvent; the features read only these fields). */
export function pressKey(init: {
  code: string;
  altKey?: boolean;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
}) {
  const DomEvent = (window as unknown as { Event: typeof Event }).Event;
  const event = Object.assign(new DomEvent('keydown', { cancelable: true }), {
    key: init.code,
    altKey: false,
    shiftKey: false,
    ctrlKey: false,
    metaKey: false,
    ...init,
  });
  window.dispatchEvent(event);
  return event;
}
