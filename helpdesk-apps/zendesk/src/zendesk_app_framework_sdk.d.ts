declare module 'zendesk_app_framework_sdk' {
  /** `init()` answers false when the page was not opened by Zendesk (its URL lacks origin and app_guid). */
  const ZAFClient: { init(callback?: (context: unknown) => void): unknown };
  export default ZAFClient;
}
