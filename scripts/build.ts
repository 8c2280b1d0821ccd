/**
 * Builds what `npm start`, `npm run worker` and `npm run cli` run on plain Node (ADR 071): one
 * JavaScript file per entry point in `dist/`, holding this project's code and the pure-JavaScript
 * packages it uses.
 *
 * Why a bundle: loading ~560 source files through tsx held a compiler thread, an esbuild process and
 * every file's source map; loading drizzle-orm's ~400 files through Node's own loader parsed its
 * 179 KB package.json once per file (1.2 s and a 280 MB heap peak at each start). One file is read
 * and compiled at once.
 *
 * What stays outside: packages with native code or WebAssembly that find their own files
 * (PGlite, sharp, argon2, file locks), pino (its transports start threads from file paths), and
 * optional or development-only packages. A module that finds a file beside itself
 * (`new URL('./x.css', import.meta.url)`) still finds it in `src/`: its `import.meta.url` is
 * rewritten to its source file's address, relative to the bundle.
 *
 * Skipped when nothing under `src/`, the lockfile nor this script changed since the last build (a
 * stamp of each file's path, size and time), so a restart costs a directory walk, not a build.
 * Run by Node's own type stripping (`node scripts/build.ts`): it imports only Node and esbuild.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin } from 'esbuild';

const root = join(import.meta.dirname, '..');
const source = join(root, 'src');
const output = join(root, 'dist');
const stampFile = join(output, '.build-stamp');
const entryPoints = ['main', 'worker', 'cli'].map((name) => join(source, `${name}.ts`));

/** Loaded by Node from node_modules, never copied into the bundle (see above). */
const outside = [
  '@electric-sql/pglite',
  '@node-rs/argon2',
  'fs-native-extensions',
  'sharp',
  'pino',
  'pg-native',
  'mjml',
];

function sourceFiles(): string[] {
  return readdirSync(source, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** What the last build was made from: every source file's path, size and time, the lockfile's, this script's. */
function stampOf(files: string[]): string {
  const hash = createHash('sha256');
  for (const file of [...files, join(root, 'package-lock.json'), import.meta.filename]) {
    const { size, mtimeMs } = statSync(file);
    hash.update(`${relative(root, file)}\0${size}\0${mtimeMs}\n`);
  }
  return hash.digest('hex');
}

/** Gives each source file's `import.meta.url` its own address, not the bundle's. */
const sourceAddresses: Plugin = {
  name: 'source-addresses',
  setup(builder) {
    const ownSource = new RegExp(`^${source.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/.*\\.tsx?$`);
    builder.onLoad({ filter: ownSource }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      // Every bundle is written at the top of dist/, so one relative path serves them all.
      const fromBundle = JSON.stringify(relative(output, args.path));
      return {
        contents: text.replaceAll('import.meta.url', `new URL(${fromBundle}, import.meta.url).href`),
        loader: args.path.endsWith('x') ? 'tsx' : 'ts',
      };
    });
  },
};

export async function buildIfChanged(): Promise<'built' | 'unchanged'> {
  const stamp = stampOf(sourceFiles());
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return 'unchanged';
  const { build } = await import('esbuild');
  // Written beside dist/ and swapped in whole: a process starting meanwhile (`npm run cli` beside
  // `npm start`) reads the old build or the new one, never half of each.
  const fresh = `${output}.${process.pid}`;
  rmSync(fresh, { recursive: true, force: true });
  await build({
    entryPoints,
    outdir: fresh,
    bundle: true,
    external: outside.flatMap((name) => [name, `${name}/*`]),
    plugins: [sourceAddresses],
    platform: 'node',
    format: 'esm',
    target: 'node24',
    tsconfig: join(root, 'tsconfig.json'),
    // Packages written as CommonJS call require() for Node's own modules; an ES module has none of its own.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  writeFileSync(join(fresh, '.build-stamp'), stamp);
  const old = `${output}.old.${process.pid}`;
  if (existsSync(output)) renameSync(output, old);
  renameSync(fresh, output);
  rmSync(old, { recursive: true, force: true });
  return 'built';
}

if (import.meta.main) await buildIfChanged();
