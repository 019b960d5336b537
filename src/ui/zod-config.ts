import { z } from 'zod';

// zod compiles faster parsers with `new Function` where eval is allowed, deciding so when each schema is
// defined. Under a strict Content-Security-Policy even the probe is a violation, so turn it off before
// any schema module loads. It is the first import of main.tsx (the bundler shares zod's modules across
// chunks, so they can be evaluated before the core runtime; the strict-CSP browser test catches that)
// and of wizard/core-runtime.ts.
z.config({ jitless: true });
