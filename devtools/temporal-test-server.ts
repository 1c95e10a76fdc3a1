/**
 * Temporal's time-skipping test server, for tests and the decade simulation (never production:
 * `@temporalio/testing` is a development dependency).
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';

/**
 * The server at `path` (else the SDK's own). The SDK gives it 5 seconds to start, which a JVM on a
 * busy two-core machine can miss: a start that times out is tried again, on a new port.
 */
export async function createTimeSkippingEnvironment(path?: string): Promise<TestWorkflowEnvironment> {
  const options = path ? { server: { executable: { type: 'existing-path' as const, path } } } : undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      return await TestWorkflowEnvironment.createTimeSkipping(options);
    } catch (error) {
      if (attempt === 3 || !(error instanceof Error && /did not start within/.test(error.message))) throw error;
    }
  }
}
