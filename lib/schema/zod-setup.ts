import { z } from 'zod';

// Extension pages and the service worker run under a CSP without 'unsafe-eval': zod must not try to compile
// validators with `new Function`. Imported first by every extension entrypoint that validates.
z.config({ jitless: true });
