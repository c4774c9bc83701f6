import { defineConfig } from 'vitest/config';

/**
 * Three projects: `unit` (fast, no system components), `integration` (real service,
 * keychain, LibreOffice, CUPS) and `e2e` (the headless host in real Chromium).
 */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          globalSetup: ['test/helpers/build-web.ts'],
          // Fails a test when a page it drove logged an error (test/helpers/page-errors.ts).
          setupFiles: ['test/helpers/e2e-setup.ts'],
        },
      },
    ],
  },
});
