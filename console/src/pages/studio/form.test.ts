import { describe, expect, it } from 'vitest';
import { checkForm, emptyForm, fieldOfPath, formOf, mergeForms } from './form';

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

describe('tags, complaint grades, synonym groups and variantOf in the editor', () => {
  it('sends them as the schema takes them and reads a saved script back into the same form', () => {
    const form = {
      ...filled,
      locale: 'zh_TW' as const,
      tags: 'refund，billing\nvip',
      grades: ['urgent' as const],
      synonyms: ['wrong size, doesn’t fit\ntoo small', '退款\n退錢'],
      variantOf: 'refund-late-zh',
    };
    const { draft } = checkForm(form);
    expect(draft).toMatchObject({
      tags: ['refund', 'billing', 'vip'],
      grades: ['urgent'],
      synonyms: [
        ['wrong size', 'doesn’t fit', 'too small'],
        ['退款', '退錢'],
      ],
      variantOf: 'refund-late-zh',
    });
    if (!draft) throw new Error('expected a draft');
    const back = formOf({ ...draft, version: 1, status: 'draft' }, []);
    expect(checkForm(back).draft).toEqual(draft);
    // No choice: no variantOf at all (the schema's optional field), not an empty id.
    expect(checkForm({ ...form, variantOf: '' }).draft).not.toHaveProperty('variantOf');
  });

  it('puts a synonym group’s problem next to that group, and other problems next to their fields', () => {
    const { draft, errors } = checkForm({ ...filled, synonyms: ['refund, money back', 'lonely'], grades: [] });
    expect(draft).toBeNull();
    expect(errors['synonyms.1']?.[0]).toContain('at least two');
    expect(errors['synonyms.0']).toBeUndefined();
    expect(checkForm({ ...filled, synonyms: ['退款, 退款'] }).errors['synonyms.0']?.[0]).toContain('twice');
    expect(checkForm({ ...filled, variantOf: 'Not An Id' }).errors.variantOf).toHaveLength(1);
    expect(checkForm({ ...filled, tags: 'x'.repeat(101) }).errors.tags).toHaveLength(1);
    expect(fieldOfPath('script.synonyms.3.1')).toBe('synonyms.3');
  });

  it('merges the new fields like the others: mine where I changed them, theirs elsewhere', () => {
    const base = { ...filled, tags: 'refund' };
    const mine = { ...base, grades: ['urgent' as const] };
    const theirs = { ...base, tags: 'refund\nbilling' };
    const { form, bothChanged } = mergeForms(base, mine, theirs);
    expect(form.grades).toEqual(['urgent']);
    expect(form.tags).toBe('refund\nbilling');
    expect(bothChanged).toEqual([]);
  });
});
