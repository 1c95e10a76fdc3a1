import type { Config } from 'jest';

/**
 * Test kinds, by file name:
 *   *.test.ts           pure domain rules (no servers)
 *   *.workflow.test.ts  journeys on Temporal's time-skipping test server with a real worker
 *   *.integration.test.ts  against PostgreSQL, the API, or the Temporal dev server
 *   *.system.test.ts    `npm start` itself, from outside: HTTP, SMTP, the Temporal CLI (test/system/)
 *   *.cluster.test.ts   `npm run start:cluster` under failures: apart, `npm run test:cluster` (jest.cluster.config.ts)
 * One PostgreSQL and one workflow bundle are prepared per run (test/support/global-setup.ts).
 */
const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/cluster/'],
  // Pages are TSX rendered by Preact on the server.
  transform: {
    '^.+\\.tsx?$': [
      '@swc/jest',
      { jsc: { target: 'es2022', parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic', importSource: 'preact' } } } },
    ],
  },
  // Prisma's generated client imports its own files as './x.js'.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 120_000,
};

export default config;
