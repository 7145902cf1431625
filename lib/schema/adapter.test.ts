import { describe, expect, it } from 'vitest';
import freshdesk from '../../docs/adapters/freshdesk-like.json';
import zammad from '../../docs/adapters/zammad-like.json';
import { parseGenericAdapter } from './adapter';

describe('generic adapter descriptions', () => {
  it.each([
    ['freshdesk-like', freshdesk],
    ['zammad-like', zammad],
  ])('the worked example %s is valid', (_name, description) => {
    expect(parseGenericAdapter(description)).toMatchObject({ ok: true });
  });

  it.each([
    [{ matches: ['<all_urls>'] }, 'matches.0'],
    [{ matches: ['https://*/*'] }, 'matches.0'],
    [{ matches: ['http://support.acme-desk.test/*'] }, 'matches.0'],
    [{ ticketUrl: '^/tickets/\\d+' }, 'ticketUrl: needs one capture group'],
    [{ ticketUrl: '([' }, 'ticketUrl: not a valid regular expression'],
    [{ id: 'Acme Desk' }, 'id:'],
    [{ fields: { requesterName: '.x' } }, 'fields.subject'],
    [{ fields: { subject: 'a { color: red }' } }, 'fields.subject'],
  ])('a bad value is rejected with the field named (%j)', (patch, field) => {
    const result = parseGenericAdapter({ ...freshdesk, ...patch });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).toContain(field);
  });
});
