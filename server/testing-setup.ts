import { setWorkFactorForTests } from './auth/passwords';

/**
 * Vitest's setup for every unit test file: passwords are hashed and checked with scrypt at a cost of 2^10 instead of
 * OWASP's 2^17 (same algorithm, same code, same format). The cost itself is pinned by `auth/credentials.test.ts`, which
 * puts it back, and by every browser test, whose server processes never run this file.
 */
export const UNIT_TEST_WORK_FACTOR = { N: 2 ** 10, r: 8, p: 1 };
setWorkFactorForTests(UNIT_TEST_WORK_FACTOR);
