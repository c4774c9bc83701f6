// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'url',
  'util',
  'stream',
  'worker_threads',
];
const rawIpc = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message: 'Raw IPC lives only in main/electron/ipc-transport.ts and preload/index.ts.',
};

/** Folders are process boundaries; these rules keep them so without anyone remembering. */
export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'out',
      'dist',
      'release',
      'coverage',
      'main/core/api/openapi-types.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
      // Type information for the promise rules: the three projects cover every .ts/.tsx file.
      parserOptions: {
        project: ['./tsconfig.node.json', './tsconfig.web.json', './tsconfig.e2e.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] }),
      ],
    },
    rules: {
      // Every promise is awaited or handed to detach(); `void promise` is not a way out.
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: false }],
      '@typescript-eslint/no-misused-promises': 'error',
      // Folder zones by resolved path, so relative imports ('../../electron/window') count too.
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: import.meta.dirname,
          zones: [
            {
              target: 'main/core',
              from: ['main/electron', 'main/headless'],
              message: 'main/core runs in both hosts: it never imports a host.',
            },
            {
              target: 'main/headless',
              from: 'main/electron',
              message: 'The headless host runs without Electron.',
            },
            {
              target: 'renderer',
              from: ['main', 'service'],
              message: 'The renderer reaches main only through the contract.',
            },
            {
              target: 'service',
              from: ['main', 'renderer', 'preload'],
              message: 'The service stands alone.',
            },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { paths: [rawIpc] }],
    },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'import-x/no-nodejs-modules': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'The renderer talks to main only through window.kamifax.',
            },
          ],
          patterns: [
            { group: nodeBuiltins, message: 'The renderer runs in a browser: no Node built-ins.' },
            {
              group: ['**/main/**', '**/service/**'],
              message: 'The renderer reaches main only through the contract.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/core/**/*.ts', 'main/headless/**/*.ts', 'service/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only main/electron/ may import electron.' }],
          patterns: [
            {
              group: ['**/main/electron/**'],
              message: 'Core and headless never depend on the Electron adapters.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['service/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The service is a plain Node server.' }],
          patterns: [
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**'],
              message: 'The service stands alone.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/electron/ipc-transport.ts', 'preload/index.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
