// The walls between the parts of the program, checked by `npm run lint:walls` (part of `npm test`).
// docs/architecture.md says the same rules in words; change both together.
//
// The rules hold production code. Tests (and their support files and fixtures) may reach into any feature
// for what they set up and look at, so they are not cruised at all.
const testCode = '^test/|(\\.test\\.tsx?|test-support\\.ts|-fixture\\.ts|/test-data\\.ts)$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'platform-imports-no-feature',
      comment:
        'src/platform is the ground floor every feature stands on: it knows no feature and not the app that ' +
        'composes them. A feature that needs the platform to call it passes a function in.',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^src/(features|app)/|^src/[^/]+\\.tsx?$' },
    },
    {
      name: 'feature-through-its-service',
      comment:
        "A feature reaches another only through that feature's service.ts, what its owner exports for others. " +
        "Its tables, views, permissions and other files are its own. The one exception: a schema.ts may import another " +
        "feature's schema.ts, for a foreign key.",
      severity: 'error',
      from: { path: '^src/features/([^/]+)/' },
      to: {
        path: '^src/features/[^/]+/',
        // Another feature's schema.ts is the next rule's business.
        pathNot: ['^src/features/$1/', '^src/features/[^/]+/(service|schema)\\.ts$'],
      },
    },
    {
      name: 'foreign-keys-only-between-schemas',
      comment: "Only a schema.ts (or a further <topic>-schema.ts) may import another feature's schema.ts (for a foreign key).",
      severity: 'error',
      from: { path: '^src/features/([^/]+)/', pathNot: '[/-]schema\\.ts$' },
      to: { path: '^src/features/[^/]+/schema\\.ts$', pathNot: '^src/features/$1/' },
    },
    {
      name: 'features-know-no-composition',
      comment: 'src/app and the entry points (src/*.ts) compose the features; a feature never imports them.',
      severity: 'error',
      from: { path: '^src/features/' },
      to: { path: '^src/app/|^src/[^/]+\\.tsx?$' },
    },
    {
      name: 'no-cycle-between-features',
      comment: 'Two features that import each other are one feature in two folders: one of them must ask the other.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/features/[^/]+$' },
      to: { circular: true },
    },
    {
      name: 'no-cycle',
      comment: 'Modules that import each other cannot be read, tested or moved one at a time.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // TypeScript 7's compiler has no API dependency-cruiser can use: swc parses instead. It counts type-only
    // imports too, as it should: they tie one feature to another's internals just as much.
    parser: 'swc',
    tsConfig: { fileName: 'tsconfig.json' },
    includeOnly: '^(src|bench|scripts)/',
    exclude: { path: testCode },
  },
};
