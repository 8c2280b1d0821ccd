import { defineConfig } from 'vitest/config';
import SlowestFirst from './test/support/slowest-first.ts';

export default defineConfig({
  test: {
    globalSetup: ['./test/support/global-setup.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    // Two cores, four files at a time: with two, the cores stood idle a third of the run, and with three still
    // did a third of the time, while files waited on Chromium, child processes, proof-of-work and timers
    // (ADR 054). Timeouts stay generous for PGlite's start-up.
    maxWorkers: 4,
    // As `npm start` runs (ADR 053): PGlite's WebAssembly churn can trip V8's JIT-page check on CPUs with memory keys.
    execArgv: ['--no-memory-protection-keys'],
    sequence: { sequencer: SlowestFirst },
    testTimeout: 30_000,
    hookTimeout: 90_000,
    projects: [
      {
        extends: true,
        // One module graph per worker, not per file (ADR 054): each file re-importing the app cost ~2.8 s.
        test: { name: 'server', include: ['src/**/*.test.{ts,tsx}', 'test/*.test.ts'], isolate: false },
      },
      {
        extends: true,
        // Real processes killed on purpose; what they assert (nothing lost, nothing sent twice) holds under any load,
        // so they run beside the other files instead of alone at the end (ADR 054).
        test: { name: 'crash', include: ['test/crash/**/*.test.ts'], testTimeout: 240_000 },
      },
      {
        extends: true,
        // Two at a time, like the server's files: each has its own site; a worker's files share one Chromium, each
        // with contexts of its own (ADR 076). A browser test walks several pages with an axe pass on each; with four
        // files sharing two cores in CI, 30 s was not always enough for a walk that takes 5 s alone (ADR 065), so
        // each test may take two minutes.
        test: { name: 'browser', include: ['test/browser/**/*.test.ts'], isolate: false, testTimeout: 120_000 },
      },
    ],
  },
});
