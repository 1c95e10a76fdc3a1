// The workflow's clock as an ISO string: deterministic inside a workflow, as replay needs it.
export const now = () => new Date().toISOString();
