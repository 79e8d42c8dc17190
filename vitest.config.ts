import { defineConfig } from 'vitest/config';

// Unit tests live beside the code (src/**/*.test.ts) and run in Node on tfjs's cpu backend;
// e2e/ holds Playwright specs, which Vitest must not pick up.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    exclude: ['e2e/**', 'node_modules/**', 'dist/**'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
