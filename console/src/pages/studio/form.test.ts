import { describe, expect, it } from 'vitest';
import { checkForm, emptyForm, fieldOfPath } from './form';

const filled = {
  ...emptyForm(),
  id: 'refund-late-en',
  title: 'Refund is late',
  body: 'Hi {{customer.first_name}}',
  scenario: 'refund',
  keywords: 'refund, money back\n退款',
};

describe('the script editor form', () => {
  it('turns the typed lists into the draft the API takes', () => {
    const { draft, unknown } = checkForm(filled);
    expect(unknown).toEqual([]);
    expect(draft?.triggerKeywords).toEqual(['refund', 'money back', '退款']);
  });

  it('names unknown variables and never gives a draft to save while there are any', () => {
    const { draft, unknown } = checkForm({ ...filled, body: 'Hi {{customer.frist_name}} about {{order.id}}' });
    expect(unknown).toEqual(['customer.frist_name', 'order.id']);
    expect(draft).toBeNull();
  });

  it('puts the shared schema’s complaints next to their fields', () => {
    const { errors, draft } = checkForm({ ...filled, id: 'Bad Id', title: '' });
    expect(draft).toBeNull();
    expect(errors.id?.[0]).toContain('lower-case id');
    expect(errors.title).toHaveLength(1);
  });

  it('maps the server’s issue paths to the editor’s fields', () => {
    expect(fieldOfPath('script.body')).toBe('body');
    expect(fieldOfPath('script.triggerKeywords.2')).toBe('keywords');
    expect(fieldOfPath('teamIds')).toBe('teamIds');
    expect(fieldOfPath('expectedVersion')).toBe('form');
  });
});
