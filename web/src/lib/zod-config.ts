import { z } from 'zod';

/**
 * Zod's fast path compiles parsers with `new Function`, which the Content-Security-Policy
 * (`script-src 'self'`, no 'unsafe-eval') forbids: even its feature probe is reported as a violation.
 * Imported first by main.tsx, before any schema is built, so every schema takes the plain path.
 */
z.config({ jitless: true });
