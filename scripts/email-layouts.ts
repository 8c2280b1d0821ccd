// Compiles the email layouts' MJML into the module the app reads (ADR 020).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileLayouts, generatedModule } from '../src/features/email/templates/compile.ts';

const target = fileURLToPath(new URL('../src/features/email/templates/layouts.generated.ts', import.meta.url));
writeFileSync(target, generatedModule(await compileLayouts()));
console.log(`wrote ${target}`);
