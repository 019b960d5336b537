import { z } from 'zod';

// zod compiles faster parsers with `new Function` where eval is allowed, deciding so when each schema is
// defined. Under a strict Content-Security-Policy even the probe is a violation, so turn it off before
// any schema module loads: this module is the first import of main.tsx.
z.config({ jitless: true });
