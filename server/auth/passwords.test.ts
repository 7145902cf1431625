import { afterEach, describe, expect, it } from 'vitest';
import { UNIT_TEST_WORK_FACTOR } from '../testing-setup';
import { hashPassword, needsRehash, PASSWORD_COST, setWorkFactorForTests, verifyPassword } from './passwords';

describe('password hashes', () => {
  afterEach(() => {
    setWorkFactorForTests(UNIT_TEST_WORK_FACTOR);
  });

  it('are made at the cost in effect and checked at the cost they were made with', async () => {
    // The unit tests' setup (server/testing-setup.ts) is in effect here.
    const hash = await hashPassword('correct horse');
    expect(hash).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword('correct horse', hash)).toBe(true);
    expect(await verifyPassword('correct hors', hash)).toBe(false);
    expect(needsRehash(hash)).toBe(false);
  });

  it('made below the server’s cost are upgraded at the next sign-in, whatever made them', async () => {
    const weaker = await hashPassword('correct horse');
    setWorkFactorForTests(PASSWORD_COST);
    expect(needsRehash(weaker)).toBe(true);
    expect(await verifyPassword('correct horse', weaker)).toBe(true);
    const stronger = await hashPassword('correct horse', { N: 2 ** 11, r: 8, p: 1 });
    expect(needsRehash(stronger)).toBe(true);
  });

  it('asking for far more than the server’s cost are refused unread, as a planted row would be', async () => {
    const planted = `$scrypt$ln=20,r=8,p=1$${'A'.repeat(22)}$${'B'.repeat(43)}`;
    expect(await verifyPassword('anything', planted)).toBe(false);
    expect(needsRehash(planted)).toBe(false);
  });
});
