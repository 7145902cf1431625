import ZAFClientFactory from 'zendesk_app_framework_sdk';

/**
 * The part of the Zendesk Apps Framework client (SDK 2.0, from its npm package) DeskLens uses, typed. The SDK
 * talks to the agent's Zendesk page by postMessage; Zendesk answers `get`, `invoke` and `request` and fires
 * events (developer.zendesk.com: ZAF Client API, Support API).
 */
export interface RequestOptions {
  url: string;
  type?: 'GET' | 'POST';
  contentType?: string;
  data?: string;
  headers?: Record<string, string>;
  /** Secure settings (`{{setting.token}}`) are filled in by Zendesk's proxy, never in the browser. */
  secure?: boolean;
  cors?: boolean;
  /** Answers `{ status, responseText, responseJSON }`, errors too, instead of jQuery-style arguments. */
  httpCompleteResponse?: boolean;
  timeout?: number;
}

export interface CompleteResponse {
  status: number;
  responseText?: string;
  responseJSON?: unknown;
}

export interface ZafClient {
  get(paths: string | string[]): Promise<Record<string, unknown>>;
  invoke(name: string, ...args: unknown[]): Promise<unknown>;
  on(event: string, handler: (data: unknown) => void): void;
  request(options: RequestOptions): Promise<CompleteResponse>;
  metadata(): Promise<{ appId?: number; installationId?: number; settings?: Record<string, unknown> }>;
  context(): Promise<{ location?: string; ticketId?: number; instanceGuid?: string }>;
}

/** The client, or undefined when the page was not opened by Zendesk (no `origin`/`app_guid` in its URL). */
export function connectToZendesk(): ZafClient | undefined {
  return (ZAFClientFactory.init() || undefined) as ZafClient | undefined;
}
