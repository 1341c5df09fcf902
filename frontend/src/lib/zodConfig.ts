import { z } from 'zod';

// The CSP allows no eval: zod would probe `new Function` (a reported violation) to compile
// its parsers; jitless, it parses as it does anywhere eval is refused.
z.config({ jitless: true });
