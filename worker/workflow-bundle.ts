/**
 * How Koers's workflow code is bundled, for the worker (bundled at start) and the tests (bundled
 * once per run) alike: the workflows, with zod and the domain preloaded once and shared by every
 * workflow in the worker's reused V8 context (see workflows/shared-modules.ts).
 */
export const WORKFLOW_BUNDLE_OPTIONS = {
  workflowsPath: require.resolve('../workflows'),
  preloadModules: [require.resolve('../workflows/shared-modules')],
};
