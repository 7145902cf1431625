import { describe, expect, it } from 'vitest';
import { BackgroundRequest } from './messages';

describe('the Salesforce case request from the content script', () => {
  it('takes a Lightning page and a Salesforce record id', () => {
    expect(
      BackgroundRequest.safeParse({
        kind: 'getSalesforceCase',
        pageUrl: 'https://acme.lightning.force.com/lightning/r/Case/500Hs00001XyZaAIAV/view',
        caseId: '500Hs00001XyZaAIAV',
      }).success,
    ).toBe(true);
  });

  it('refuses anything else as the case id, naming the field, before it could reach a SOQL query', () => {
    const bad = BackgroundRequest.safeParse({
      kind: 'getSalesforceCase',
      pageUrl: 'https://acme.lightning.force.com/lightning/r/Case/x/view',
      caseId: "500' OR Id != '",
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({ path: ['caseId'], message: /Salesforce id/ });
  });
});
