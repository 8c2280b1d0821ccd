import { registerHooks } from 'node:module';

/**
 * Loaded with --import by bench/fast-paths.ts into the server it starts (never by production):
 * BENCH_FAST_PATH_OFF names one mechanism, whose module is then swapped for its twin here that
 * does the same through the libraries' public API. Production code has no switch for it.
 */
const swaps: Record<string, [original: string, twin: string]> = {
  'form-body': ['/src/platform/http/form-body.ts', 'form-body.ts'],
  'prepared-statements': ['/src/platform/db/client.ts', 'db-client.ts'],
  'form-challenge': ['/src/platform/http/form-challenge.ts', 'form-challenge.ts'],
  'spliced-gzip': ['/src/platform/http/respond.ts', 'respond.ts'],
  'body-size': ['/src/platform/http/body-size.ts', 'body-size.ts'],
};

const off = process.env.BENCH_FAST_PATH_OFF ?? '';
const swap = swaps[off];
if (off && !swap) throw new Error(`BENCH_FAST_PATH_OFF=${off}: not one of ${Object.keys(swaps).join(', ')}`);
if (swap) {
  const twin = new URL(swap[1], import.meta.url).href;
  process.stderr.write(`bench: ${off} switched off (${swap[0]} served by bench/fast-paths/${swap[1]})\n`);
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const resolved = nextResolve(specifier, context);
      // The twin itself imports the original, to keep everything else it exports.
      if (resolved.url.endsWith(swap[0]) && context.parentURL !== twin) return { ...resolved, url: twin, shortCircuit: true };
      return resolved;
    },
  });
}
