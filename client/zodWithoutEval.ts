/**
 * Imported first by `main.tsx`, before any schema exists. Zod compiles object parsers
 * with `new Function` when it may, and probes for that with a caught `new Function("")`
 * when the first object schema is built; under our CSP (no `unsafe-eval`) the probe is
 * reported as a violation on every page even though the throw is swallowed. Jitless
 * mode skips the probe and the compiled parsers; API responses are small, so the
 * interpreted parser costs nothing noticeable. The server keeps the compiled parsers.
 */
import { z } from "zod";

z.config({ jitless: true });
