import { describe, expect, it } from 'vitest';
import { checkForm, emptyForm, fieldOfPath, mergeForms } from './form';

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

describe('merging after someone else saved (409)', () => {
  it('keeps each field the trainer changed, takes theirs for the rest, and names fields both changed', () => {
    const base = { ...filled };
    const mine = { ...filled, body: 'Hi {{customer.first_name}}\nA line of mine', keywords: 'refund' };
    const theirs = { ...filled, title: 'Their title', keywords: 'refund, late' };
    const { form, bothChanged } = mergeForms(base, mine, theirs);
    expect(form.title).toBe('Their title');
    expect(form.body).toBe('Hi {{customer.first_name}}\nA line of mine');
    expect(form.keywords).toBe('refund');
    expect(bothChanged).toEqual(['keywords']);
  });
});
