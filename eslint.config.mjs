// Lint enforces the architecture: which layer may import what: boundaries by lint, not habit.
import { readFileSync } from 'node:fs';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import ts from 'typescript';
import tseslint from 'typescript-eslint';

const electronOnlyInShell = {
  paths: [
    { name: 'electron', message: 'Only src/main/app and src/preload may import electron (core must run in Node).' },
  ],
};

const rendererBoundary = {
  paths: [
    { name: 'electron', message: 'The renderer talks to main only through window.resetline.' },
    { name: 'better-sqlite3', message: 'The renderer has no database; ask main through the contract.' },
  ],
  patterns: [
    { group: ['node:*'], message: 'The renderer runs in a browser sandbox: no Node built-ins.' },
    {
      group: ['**/main/**', '**/main'],
      message: 'The renderer may not import main-process code; use the contract in src/shared.',
    },
    { group: ['**/demo-tenant/**'], message: 'The renderer may not import the demo tenant.' },
  ],
};

const sharedBoundary = {
  paths: [
    { name: 'electron', message: 'src/shared is imported by every process; keep it free of electron.' },
    { name: 'better-sqlite3', message: 'src/shared holds the contract only.' },
  ],
  patterns: [
    { group: ['node:*'], message: 'src/shared also runs in the renderer: no Node built-ins.' },
    {
      group: ['**/main/**', '**/renderer/**', '**/demo-tenant/**'],
      message: 'src/shared depends on nothing else in the app.',
    },
  ],
};

// The preload exposes the contract and nothing else; main's core is reached only through IPC.
const preloadBoundary = {
  patterns: [
    {
      group: ['**/main/core', '**/main/core/**'],
      message: 'The preload may not import src/main/core; it forwards contract channels over IPC only.',
    },
  ],
};

// Core runs in plain Node under any shell (Electron or the browser host): it may not reach up into src/main/app.
const coreBoundary = {
  ...electronOnlyInShell,
  patterns: [
    {
      regex: '(^|/)main/app(/|$)|^(\\.\\./)+app(/|$)',
      message: 'src/main/core may not import src/main/app; the shell passes what core needs in (runtime.ts).',
    },
  ],
};

// Services (everything in core but the handler layer and the composition root) never import a handler:
// handlers call services, and pass down what they need.
const serviceBoundary = {
  ...coreBoundary,
  patterns: [
    ...coreBoundary.patterns,
    {
      regex: '^(\\./|(\\.\\./)+)handlers(/|$)',
      message: 'A service may not import from core/handlers: the handler passes what the service needs.',
    },
  ],
};

// The Graph gateway is the bottom of the data path (service → gateway → Graph): it answers what Graph
// answered and calls nothing back up. It may import src/shared, core/log, core/net, its own files and
// Microsoft's vendored Graph metadata (vendor/microsoft-graph); any other import of the app is refused.
// Relative paths as written from a file directly in src/main/core/graph.
const gatewayBoundary = {
  ...serviceBoundary,
  patterns: [
    ...serviceBoundary.patterns,
    {
      regex: '^\\.\\./(?!(log|net)(/|$)|\\.\\./\\.\\./shared(/|$)|\\.\\./\\.\\./\\.\\./vendor/microsoft-graph/)',
      message:
        'The Graph gateway (src/main/core/graph) may import only src/shared, core/log, core/net and itself: ' +
        'the service applies its own rules to what the gateway answers, and auth hands in a token provider.',
    },
  ],
};

const demoTenantBoundary = {
  paths: [{ name: 'electron', message: 'The demo tenant is a plain Node server.' }],
  patterns: [
    {
      group: ['**/main/**', '**/shared/**', '**/renderer/**'],
      message: 'The demo tenant depends on nothing in the app.',
    },
  ],
};

// "Lives once" rules: each names the files that own a thing and the syntax refused everywhere else in src.
// Every Graph request goes through src/main/core/graph, where each call has its entry in the request
// catalogue (core/graph/catalogue.ts): elsewhere, no `.api(` call and no Graph client construction.
const graphOutsideGateway = [
  {
    selector: "CallExpression[callee.property.name='api']",
    message: 'Graph requests go through src/main/core/graph (one function per catalogue entry); call one of those.',
  },
  {
    selector: "NewExpression[callee.name='Client']",
    message: 'Only src/main/core/graph builds the Graph client (core/graph/client.ts).',
  },
  {
    selector: "CallExpression[callee.object.name='Client'][callee.property.name=/^init/]",
    message: 'Only src/main/core/graph builds the Graph client (core/graph/client.ts).',
  },
];

/** A string or template literal whose text matches the esquery regex `pattern`. */
const literalsMatching = (pattern, message) => [
  { selector: `Literal[value=${pattern}]`, message },
  { selector: `TemplateElement[value.raw=${pattern}]`, message },
];

// Role template ids live in src/shared/roles.ts (the demo tenant keeps its own copy on purpose, tested to
// agree): every id either table carries is refused as a literal anywhere else.
const roleTemplateIds = ['src/shared/roles.ts', 'src/demo-tenant/roles.ts'].flatMap((file) =>
  [
    ...readFileSync(new URL(file, import.meta.url), 'utf8').matchAll(
      /'([0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12})'/g,
    ),
  ].map((m) => m[1]),
);
if (roleTemplateIds.length === 0) throw new Error('eslint.config.mjs: no role template ids found in the role tables');
const roleIdPattern = `/${[...new Set(roleTemplateIds)].join('|')}/i`;

const roleIdLiterals = literalsMatching(
  roleIdPattern,
  'Role template ids live in src/shared/roles.ts; import ROLE_TEMPLATE_IDS instead of writing the id.',
);

// The browser host's wire (secret header, /api/, /session, /download/, /events) lives in src/shared/wire.ts.
const wirePatterns = [
  '/x-resetline-secret/i',
  '/^\\/api\\//',
  '/^\\/session$/',
  '/^\\/download\\//',
  '/^\\/events(\\/ticket)?$/',
];
const wireLiterals = wirePatterns.flatMap((pattern) =>
  literalsMatching(
    pattern,
    'The HTTP wire constants live in src/shared/wire.ts; import them instead of spelling them.',
  ),
);

const livesOnce = [
  { owners: ['src/main/core/graph/**/*.ts'], selectors: graphOutsideGateway },
  { owners: ['src/shared/roles.ts', 'src/demo-tenant/**/*.ts'], selectors: roleIdLiterals },
  { owners: ['src/shared/wire.ts'], selectors: wireLiterals },
];

// A later config block replaces an earlier one's no-restricted-syntax, so each owner's files get a block
// with every other rule's selectors (owners do not overlap), after one block with all of them for the rest of src.
const livesOnceBlocks = [
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: { 'no-restricted-syntax': ['error', ...livesOnce.flatMap((rule) => rule.selectors)] },
  },
  ...livesOnce.map((owned) => ({
    files: owned.owners,
    rules: {
      'no-restricted-syntax': ['error', ...livesOnce.filter((r) => r !== owned).flatMap((r) => r.selectors)],
    },
  })),
];

// Switches over a union end in `default: return assertNever(…)` (CONTRIBUTING.md): when the union grows
// TypeScript refuses to compile the switch, and a value that slips through at run time throws instead of
// falling out of it. With switch-exhaustiveness-check (every member has its case, a default never stands in
// for one), every switch over a union of literals handles each member and then ends in assertNever.
const LITERAL =
  ts.TypeFlags.StringLiteral | ts.TypeFlags.NumberLiteral | ts.TypeFlags.BooleanLiteral | ts.TypeFlags.EnumLiteral;
const switchEndsInAssertNever = {
  meta: {
    type: 'problem',
    schema: [],
    messages: {
      end: 'A switch over a union ends in `default: return assertNever(…)` (src/shared/result.ts; src/demo-tenant/never.ts in the demo tenant).',
    },
  },
  create(context) {
    const services = context.sourceCode.parserServices;
    return {
      SwitchStatement(node) {
        const type = services.getTypeAtLocation(node.discriminant);
        const members = type.isUnion() ? type.types : [type];
        if (members.length < 2 || !members.every((t) => (t.flags & LITERAL) !== 0)) return;
        const last = node.cases.at(-1);
        const endsInAssertNever =
          last?.test === null &&
          last.consequent.some((statement) => /\bassertNever\(/.test(context.sourceCode.getText(statement)));
        if (!endsInAssertNever) context.report({ node, messageId: 'end' });
      },
    };
  },
};
const resetlinePlugin = { rules: { 'switch-ends-in-assert-never': switchEndsInAssertNever } };

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      '.electron-native/**',
      'test-results/**',
      'playwright-report/**',
      // Deliberately broken files that test/unit/lint proves the rules refuse.
      'test/lint-fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['src/main/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    ignores: ['src/main/app/**'],
    rules: { 'no-restricted-imports': ['error', electronOnlyInShell] },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', rendererBoundary],
    },
  },
  { files: ['src/main/core/**/*.ts'], rules: { 'no-restricted-imports': ['error', coreBoundary] } },
  {
    files: ['src/main/core/**/*.ts'],
    ignores: ['src/main/core/handlers/**', 'src/main/core/runtime.ts', 'src/main/core/services.ts'],
    rules: { 'no-restricted-imports': ['error', serviceBoundary] },
  },
  { files: ['src/main/core/graph/**/*.ts'], rules: { 'no-restricted-imports': ['error', gatewayBoundary] } },
  { files: ['src/preload/**/*.ts'], rules: { 'no-restricted-imports': ['error', preloadBoundary] } },
  { files: ['src/shared/**/*.ts'], rules: { 'no-restricted-imports': ['error', sharedBoundary] } },
  // Type-aware rules (typescript-eslint's recommendedTypeChecked) for every source file: src/shared through
  // its own small program (tsconfig.shared.json: src/shared imports nothing of the app), main, the preload
  // and the demo tenant through tsconfig.main.json (the sources only, no tests), the renderer through
  // tsconfig.renderer.json. Over the renderer and the demo tenant they cost about a quarter more lint CPU
  // (61 against 78 CPU-s, December 2026); `npm test` runs lint at low priority beside the unit tests,
  // where that CPU was idle.
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({
    ...config,
    files: ['src/**/*.{ts,tsx}'],
  })),
  {
    files: ['src/shared/**/*.ts'],
    languageOptions: { parserOptions: { project: './tsconfig.shared.json', tsconfigRootDir: import.meta.dirname } },
  },
  {
    files: ['src/main/**/*.ts', 'src/preload/**/*.ts'],
    languageOptions: { parserOptions: { project: './tsconfig.main.json', tsconfigRootDir: import.meta.dirname } },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { project: './tsconfig.renderer.json', tsconfigRootDir: import.meta.dirname } },
  },
  {
    files: ['src/demo-tenant/**/*.ts'],
    languageOptions: { parserOptions: { project: './tsconfig.main.json', tsconfigRootDir: import.meta.dirname } },
  },
  // Switches over a union end in assertNever in the renderer and the demo tenant (main and shared by review:
  // their partial switches over process.platform, zod's issue formats and error codes rightly end in default).
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'src/demo-tenant/**/*.ts'],
    plugins: { resetline: resetlinePlugin },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      'resetline/switch-ends-in-assert-never': 'error',
    },
  },
  { files: ['src/demo-tenant/**/*.ts'], rules: { 'no-restricted-imports': ['error', demoTenantBoundary] } },
  ...livesOnceBlocks,
);
