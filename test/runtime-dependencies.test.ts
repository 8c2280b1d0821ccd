import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** What runs in production: `npm start`, the worker, the admin commands, and the export process the site spawns. */
const entryPoints = ['src/main.ts', 'src/worker.ts', 'src/cli.ts', 'src/features/petitions/export-process.ts'];

// Imports that load code (not `import type`): static, re-exports, and dynamic imports of a literal.
const importPattern =
  /(?:^|\n)\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every package the entry points load, following their relative imports through the source. */
function packagesLoadedAtRunTime(): Map<string, string> {
  const packages = new Map<string, string>();
  const seen = new Set<string>();
  const queue = entryPoints.map((p) => join(root, p));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(importPattern)) {
      const specifier = match[1] ?? match[2]!;
      if (specifier.startsWith('.')) {
        queue.push(resolve(dirname(file), specifier));
      } else if (!specifier.startsWith('node:') && !builtinModules.includes(specifier)) {
        const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
        packages.set(name, file.slice(root.length + 1));
      }
    }
  }
  return packages;
}

describe('what the site needs at run time', () => {
  it('installs with the dependencies alone: every package the running code loads is a dependency', () => {
    const found = packagesLoadedAtRunTime();
    // Sanity: the walk reached deep into the features.
    expect(found.get('@turf/boolean-point-in-polygon')).toBeDefined();
    const devOnly = [...found].filter(([name]) => !(name in manifest.dependencies)).map(([n, f]) => `${n} (${f})`);
    expect(devOnly).toEqual([]);
  });

  it('starts with what the dependencies bring: a build by esbuild, then the Node.js 24 the project pins (ADR 071)', () => {
    for (const [script, entry] of Object.entries({ start: 'main', worker: 'worker', cli: 'cli' })) {
      expect(manifest.scripts[script], script).toMatch(
        new RegExp(`^node scripts/build\\.ts && exec node [^&]*dist/${entry}\\.js$`),
      );
    }
    expect(manifest.dependencies).toHaveProperty('esbuild');
    expect(manifest.dependencies).toHaveProperty('node');
    expect(manifest.devDependencies).not.toHaveProperty('esbuild');
    expect(manifest.devDependencies).not.toHaveProperty('node');
  });

  it('leaves outside the bundle only packages the dependencies install', () => {
    const build = readFileSync(join(root, 'scripts/build.ts'), 'utf8');
    const outside = /const outside = \[([^\]]*)\]/
      .exec(build)![1]!
      .match(/'[^']+'/g)!
      .map((name) => name.slice(1, -1));
    // Optional: pg tries pg-native only when asked; mjml is loaded only by the email layouts script.
    const loadedOnlyWhenAsked = ['pg-native', 'mjml'];
    const missing = outside.filter((name) => !loadedOnlyWhenAsked.includes(name) && !(name in manifest.dependencies));
    expect(missing).toEqual([]);
    expect(packagesLoadedAtRunTime().has('mjml')).toBe(false);
  });

  it('starts every process that may open PGlite without V8 memory keys (ADR 053)', () => {
    for (const script of ['start', 'dev', 'cli', 'db:migrate', 'worker']) {
      expect(manifest.scripts[script], script).toMatch(/(?:^|\s)--no-memory-protection-keys\s/);
    }
  });

  it('compiles PGlite with V8’s baseline compiler only, whose memory fits a 1 GB server (ADR 071)', () => {
    for (const script of ['start', 'dev', 'cli', 'db:migrate']) {
      expect(manifest.scripts[script], script).toMatch(/(?:^|\s)--liftoff-only\s/);
    }
  });
});
