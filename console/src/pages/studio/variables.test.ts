import { describe, expect, it } from 'vitest';
import { unknownVariables } from '../../../../lib/scripts/template';
import { completePlaceholder, openPlaceholder } from './variables';

describe('variable autocomplete in the script editor', () => {
  it('offers every variable right after {{ and narrows by what is typed', () => {
    expect(openPlaceholder('Hi {{', 5)?.choices).toContain('customer.first_name');
    const typed = openPlaceholder('Hi {{ cust', 10);
    expect(typed).toMatchObject({ start: 6, typed: 'cust' });
    expect(typed?.choices).toEqual(['customer.name', 'customer.first_name', 'customer.email']);
  });

  it('offers nothing outside a placeholder, after it is closed, or in a default', () => {
    expect(openPlaceholder('Hi there', 8)).toBeNull();
    expect(openPlaceholder('Hi {{customer.name}} ', 21)).toBeNull();
    expect(openPlaceholder('Hi {{customer.name | the', 24)).toBeNull();
  });

  it('completes the name with its braces and puts the caret after them, without doubling braces typed already', () => {
    const body = 'Hi {{cu, thanks';
    const open = openPlaceholder(body, 7);
    if (!open) throw new Error('expected an open placeholder');
    expect(completePlaceholder(body, 7, open, 'customer.first_name')).toEqual({
      body: 'Hi {{customer.first_name}}, thanks',
      caret: 26,
    });
    const closed = 'Hi {{cu}}!';
    const again = openPlaceholder(closed, 7);
    if (!again) throw new Error('expected an open placeholder');
    expect(completePlaceholder(closed, 7, again, 'customer.name').body).toBe('Hi {{customer.name}}!');
  });
});

describe('unknown variables (the check the server makes before saving)', () => {
  it('names each unknown variable once and accepts known ones with defaults', () => {
    expect(unknownVariables('{{customer.first_name | there}} {{custmer.name}} {{order.id}} {{custmer.name}}')).toEqual([
      'custmer.name',
      'order.id',
    ]);
  });
});
