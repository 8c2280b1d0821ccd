import { registerHooks } from 'node:module';

/**
 * Loaded with --import by bench/fast-paths.ts into the server it starts (never by production):
 * BENCH_FAST_PATH_OFF names mechanisms, whose modules are then swapped for their twins here that
 * does the same through the libraries' public API. Production code has no switch for it.
 */
const swaps: Record<string, [original: string, twin: string]> = {
  'form-body': ['/src/platform/http/form-body.ts', 'form-body.ts'],
  'form-challenge': ['/src/platform/http/form-challenge.ts', 'form-challenge.ts'],
  'spliced-gzip': ['/src/platform/http/respond.ts', 'respond.ts'],
  'body-size': ['/src/platform/http/body-size.ts', 'body-size.ts'],
};

// One name, or several separated by commas (to measure what removing them together costs).
const off = (process.env.BENCH_FAST_PATH_OFF ?? '').split(',').filter(Boolean);
for (const name of off)
  if (!swaps[name]) throw new Error(`BENCH_FAST_PATH_OFF: ${name} is not one of ${Object.keys(swaps).join(', ')}`);
const swapped = off.map((name) => ({
  original: swaps[name]![0],
  twin: new URL(swaps[name]![1], import.meta.url).href,
}));
for (const { original, twin } of swapped) process.stderr.write(`bench: ${original} served by ${twin}\n`);
if (swapped.length > 0) {
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const resolved = nextResolve(specifier, context);
      // A twin itself imports its original, to keep everything else it exports.
      const swap = swapped.find(({ original, twin }) => resolved.url.endsWith(original) && context.parentURL !== twin);
      return swap ? { ...resolved, url: swap.twin, shortCircuit: true } : resolved;
    },
  });
}
