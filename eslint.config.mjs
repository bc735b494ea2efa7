// Lint enforces the architecture: which layer may import what (House Style: boundaries by lint, not habit).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
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

const demoTenantBoundary = {
  paths: [{ name: 'electron', message: 'The demo tenant is a plain Node server.' }],
  patterns: [
    {
      group: ['**/main/**', '**/shared/**', '**/renderer/**'],
      message: 'The demo tenant depends on nothing in the app.',
    },
  ],
};

// Every Graph request goes through src/main/core/graph, where each call has its entry in the request
// catalogue (core/graph/catalogue.ts): elsewhere, no `.api(` call and no Graph client construction.
const graphOnlyInGateway = [
  'error',
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
  { files: ['src/shared/**/*.ts'], rules: { 'no-restricted-imports': ['error', sharedBoundary] } },
  { files: ['src/demo-tenant/**/*.ts'], rules: { 'no-restricted-imports': ['error', demoTenantBoundary] } },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/main/core/graph/**'],
    rules: { 'no-restricted-syntax': graphOnlyInGateway },
  },
);
