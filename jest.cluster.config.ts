/**
 * `npm run test:cluster`: Koers on the real Temporal server under failures (test/cluster/). Apart
 * from `npm test` because it starts whole systems of its own (no shared database or bundle) and
 * takes minutes; .ci/run runs it after `npm test`.
 */
import type { Config } from 'jest';
import base from './jest.config';

const config: Config = {
  testEnvironment: base.testEnvironment,
  transform: base.transform,
  moduleNameMapper: base.moduleNameMapper,
  roots: ['<rootDir>/test/cluster'],
  testMatch: ['**/*.cluster.test.ts'],
  testTimeout: 300_000,
};

export default config;
