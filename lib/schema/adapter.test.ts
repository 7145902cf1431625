import { describe, expect, it } from 'vitest';
import freshdesk from '../../docs/adapters/freshdesk-like.json';
import redmine from '../../docs/adapters/redmine.json';
import zammad from '../../docs/adapters/zammad-like.json';
import { parseGenericAdapter } from './adapter';

/** The first error of a description with `patch` applied to the Redmine example (a deep merge of one level). */
function errorsOf(patch: Record<string, unknown>): string {
  const merged: Record<string, unknown> = { ...redmine };
  for (const [key, value] of Object.entries(patch)) {
    const base = merged[key];
    merged[key] =
      value && typeof value === 'object' && !Array.isArray(value) && base && typeof base === 'object'
        ? { ...(base as object), ...(value as object) }
        : value;
  }
  const result = parseGenericAdapter(merged);
  return result.ok ? '(accepted)' : result.errors.join('\n');
}

describe('generic adapter descriptions', () => {
  it.each([
    ['freshdesk-like', freshdesk],
    ['zammad-like', zammad],
    ['redmine', redmine],
  ])('the worked example %s is valid', (_name, description) => {
    expect(parseGenericAdapter(description)).toMatchObject({ ok: true });
  });

  it('reads a bare selector as a field with the element text, and keeps the object form', () => {
    const result = parseGenericAdapter(redmine);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.description.fields.subject).toEqual({ selector: '.issue.details .subject h3' });
    expect(result.description.fields.createdAt).toMatchObject({ attribute: 'title', format: 'MM/DD/YYYY hh:mm A' });
    expect(result.description.editor).toEqual({
      kind: 'textarea',
      selector: '#issue_notes',
      open: '#content > .contextual a.icon-edit',
    });
    const freshdeskParsed = parseGenericAdapter(freshdesk);
    expect(freshdeskParsed.ok && freshdeskParsed.description.editor).toEqual({
      selector: '.reply-editor [contenteditable="true"]',
    });
  });

  it.each([
    // Origins: one origin each, https, a port allowed; http only by opt-in, for an intranet host.
    [{ matches: ['<all_urls>'] }, 'matches.0: expected https://host.example/*'],
    [{ matches: ['https://*/*'] }, 'matches.0: expected https://host.example/*'],
    [{ matches: ['https://*.com/*'] }, 'matches.0: expected a full host name'],
    [{ matches: ['https://support.example.com:70000/*'] }, 'matches.0: expected'],
    [{ matches: ['http://redmine.example.com/*'] }, 'matches.0: http is allowed only for one intranet host'],
    [{ matches: ['http://*.corp/*'] }, 'matches.0: http is allowed only for one intranet host'],
    [{ matches: ['http://8.8.8.8:3000/*'] }, 'matches.0: http is allowed only for one intranet host'],
    [{ matches: ['http://redmine.internal:3000/*'], allowHttp: false }, 'matches.0: plain http is refused unless'],
    [{ matches: ['http://redmine.internal:3000/*'], allowHttp: undefined }, 'matches.0: plain http is refused unless'],
    // Regular expressions: compile, capture, cannot backtrack catastrophically.
    [{ ticketUrl: '^/issues/\\d+' }, 'ticketUrl: needs a capture group'],
    [{ ticketUrl: '([' }, 'ticketUrl: not a valid regular expression'],
    [{ ticketUrl: '^/issues/((\\d+)+)$' }, 'ticketUrl: could backtrack catastrophically'],
    [
      { fields: { requesterEmail: { selector: '.x', pattern: '^(\\w+\\s?)*<(.+)>$' } } },
      'fields.requesterEmail.pattern: could backtrack catastrophically',
    ],
    [
      { fields: { requesterEmail: { selector: '.x', pattern: '<.+@.+>' } } },
      'fields.requesterEmail.pattern: needs a capture group',
    ],
    [{ fields: { subject: { selector: '.x', regex: '(.*)' } } }, 'fields.subject: Unrecognized key: "regex"'],
    // Dates: day.js tokens only, a year, a month and a day; a real time zone.
    [
      { fields: { createdAt: { selector: 'a', attribute: 'title', format: 'yyyy-MM-dd HH:mm' } } },
      'fields.createdAt.format: unknown token "yyyy"',
    ],
    [
      { fields: { createdAt: { selector: 'a', attribute: 'title', format: 'HH:mm' } } },
      'fields.createdAt.format: needs a year, a month and a day',
    ],
    [
      { fields: { createdAt: { selector: 'a', format: 'MM/DD/YYYY', timeZone: 'Mars/Olympus' } } },
      'fields.createdAt.timeZone: not an IANA time zone',
    ],
    [
      { conversation: { ...redmine.conversation, time: { selector: 'a', format: 'Y-m-d H:i' } } },
      'conversation.time.format: unknown token',
    ],
    // Editors: a known kind, named in the error.
    [
      { editor: { kind: 'froala', selector: '.fr-element' } },
      'editor.kind: unknown editor kind "froala": expected one of textarea, contenteditable, ckeditor5, ckeditor4, tinymce, quill',
    ],
    // Maps and roles.
    [{ statusMap: { Stalled: 'stuck' } }, 'statusMap.Stalled'],
    [
      { conversation: { ...redmine.conversation, role: { from: 'guess' } } },
      'conversation.role.from: expected {"from": "requester"}',
    ],
    [
      { conversation: { ...redmine.conversation, author: undefined } },
      'conversation.author: needed when conversation.role.from is "requester"',
    ],
    [
      { conversation: { ...redmine.conversation, role: { from: 'field', field: '.role', map: {} } } },
      'conversation.role.map: map at least one label',
    ],
    // The rest, as before.
    [{ id: 'Acme Desk' }, 'id:'],
    [{ fields: { requesterName: '.x', subject: undefined } }, 'fields.subject'],
    [{ fields: { subject: 'a { color: red }' } }, 'fields.subject.selector: a CSS selector'],
    [{ dock: '' }, 'dock:'],
    [{ unknownKey: true }, '(description): Unrecognized key: "unknownKey"'],
  ])('a bad value is rejected with the field named (%j)', (patch, message) => {
    expect(errorsOf(patch)).toContain(message);
  });

  it.each<[Record<string, unknown>]>([
    [{ matches: ['https://helpdesk.example.com:8443/*'], allowHttp: undefined }],
    [{ matches: ['http://10.20.0.15:8080/*', 'http://helpdesk/*', 'https://helpdesk.example.com/*'] }],
    [{ fields: { createdAt: { selector: 'time', attribute: 'datetime' } } }],
    [{ fields: { createdAt: { selector: 'span', format: 'YYYY年MM月DD日 HH:mm', timeZone: 'Asia/Taipei' } } }],
    [{ fields: { subject: { selector: 'h1', trimPrefix: 'Support #' } } }],
    [{ conversation: { item: '.article', time: 'time', role: { from: 'marker', agent: '.is-agent' } } }],
    [
      {
        conversation: {
          item: '.msg',
          time: 'time',
          role: { from: 'field', field: '.badge', map: { Staff: 'agent', 客户: 'customer' } },
        },
      },
    ],
    ...['textarea', 'contenteditable', 'ckeditor5', 'ckeditor4', 'tinymce', 'quill'].map(
      (kind): [Record<string, unknown>] => [{ editor: { kind, selector: '.editor' } }],
    ),
  ])('a good variant is accepted (%j)', (patch) => {
    expect(errorsOf(patch)).toBe('(accepted)');
  });
});
