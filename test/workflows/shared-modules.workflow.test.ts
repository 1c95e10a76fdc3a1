/**
 * Zod and the domain are preloaded once into the worker's reused V8 context and shared by every
 * workflow (workflows/shared-modules.ts). Here, in that context as the worker builds it: each
 * workflow still parses with every domain schema as before (nothing it needs was frozen), and
 * what it may not change (the domain's data) is frozen.
 */
import { bundleWorkflowCode } from '@temporalio/worker';
import { ReusableVMWorkflowCreator } from '@temporalio/worker/lib/workflow/reusable-vm';
import type { WorkflowInfo } from '@temporalio/workflow';
import { WORKFLOW_BUNDLE_OPTIONS } from '../../worker/workflow-bundle';

const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} };

async function sharedContext(): Promise<ReusableVMWorkflowCreator> {
  const { code } = await bundleWorkflowCode({
    ...WORKFLOW_BUNDLE_OPTIONS,
    workflowsPath: require.resolve('../support/shared-modules-smoke'),
    logger: quiet,
  });
  // As the Worker does it (parseWorkflowCode): the source map's file is the script's name.
  const mapAt = code.lastIndexOf('//# sourceMappingURL=data:');
  const sourceMap = JSON.parse(Buffer.from(code.slice(code.indexOf('base64,', mapAt) + 'base64,'.length), 'base64').toString('utf8')) as { file: string };
  sourceMap.file = '/shared-modules-smoke.js';
  return ReusableVMWorkflowCreator.create({ code, sourceMap, filename: sourceMap.file } as never, 5_000, new Set(), undefined);
}

function info(n: number): WorkflowInfo {
  const now = new Date(0);
  return {
    workflowType: 'expertschoolJourney',
    workflowId: `smoke-${n}`,
    runId: `run-${n}`,
    firstExecutionRunId: `run-${n}`,
    taskQueue: 'smoke',
    namespace: 'default',
    attempt: 1,
    startTime: now,
    runStartTime: now,
    historyLength: 0,
    historySize: 0,
    continueAsNewSuggested: false,
    searchAttributes: {},
    typedSearchAttributes: [],
    memo: {},
    unsafe: { isReplaying: false, now: () => 0 },
    priority: {},
  } as unknown as WorkflowInfo;
}

test('every workflow parses with every domain schema, in the context they share', async () => {
  const creator = await sharedContext();
  try {
    for (const n of [1, 2]) {
      const workflow = await creator.createWorkflow({ info: info(n), randomnessSeed: [n], now: 0, showStackTraceSources: false });
      // The context is the SDK's own (protected); this test reaches into it to run the smoke workflow's helpers.
      const { context } = creator as unknown as { context: { __TEMPORAL__: { importWorkflows(): typeof import('../support/shared-modules-smoke') } } };
      const smoke = context.__TEMPORAL__.importWorkflows();
      const { parses, thrown } = smoke.parseWithEverySchema();
      expect(smoke.domainDataIsFrozen()).toBe(true);
      expect(thrown).toEqual([]);
      expect(parses).toBeGreaterThan(1_000);
      await workflow.dispose();
    }
  } finally {
    await creator.destroy();
  }
});
