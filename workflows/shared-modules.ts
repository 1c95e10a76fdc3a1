/**
 * Preloaded once into the worker's reused V8 context (the bundle's preloadModules, see
 * worker/workflow-bundle.ts): zod and the domain modules the workflows import are then evaluated
 * once and shared by every workflow, instead of once per cached workflow (~1.8 MB of heap each).
 *
 * The SDK deep-freezes what is preloaded, so no workflow can change what another one sees. Zod
 * cannot be deep-frozen: its schemas finish building themselves on first use (methods bound on
 * first read, parsers compiled on first parse), deterministically but by writing to themselves.
 * So before the SDK's freeze this module freezes each shared module's exports itself, which stops
 * the SDK's freeze there: the domain's own data (lists, tables, helpers) deeply, each zod schema
 * and zod's own modules not. Nothing in Koers writes to a schema; zod's writes are caches.
 */
import '../domain/amsterdam-time';
import '../domain/application';
import '../domain/cohort';
import '../domain/development-groups';
import '../domain/eligibility';
import '../domain/forms';
import '../domain/hub';
import '../domain/journey';
import '../domain/places';
import '../domain/school-year';
import '../domain/subsidy-amount';
import '../domain/tracks';

/** webpack's table of every module in the bundle, by id (in the SDK's bundle, its path). */
declare const __webpack_modules__: Record<string, unknown>;

interface WebpackModule {
  exports: unknown;
}

/** Zod, its OpenAPI extension and domain/zod.ts (which exports zod's `z`); what the workflows import from domain/. */
const ZOD_MODULE = /\/node_modules\/(zod|@asteasolutions\/zod-to-openapi)\/|^\.\/domain\/zod\.ts$/;
const DOMAIN_MODULE = /^\.\/domain\//;

function isZodSchema(value: object): boolean {
  return '_zod' in value;
}

/** Freezes `value` and what it holds, as the SDK would, but leaves zod schemas as they are. */
function freezeData(value: unknown, seen = new WeakSet<object>()): void {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return;
  if (seen.has(value) || isZodSchema(value)) return;
  seen.add(value);
  // Through getters too, as the SDK's freeze reads: a module's exports are getters.
  for (const key of Reflect.ownKeys(value)) freezeData((value as Record<PropertyKey, unknown>)[key], seen);
  Object.freeze(value);
}

function freezeSharedModules(): void {
  const cache = (globalThis as unknown as { __webpack_module_cache__: Record<string, WebpackModule | undefined> }).__webpack_module_cache__;
  let zodModules = 0;
  const notShared: string[] = [];
  for (const id of Object.keys(__webpack_modules__)) {
    const loaded = cache[id];
    if (!loaded) {
      if (DOMAIN_MODULE.test(id)) notShared.push(id);
      continue;
    }
    if (ZOD_MODULE.test(id)) {
      Object.freeze(loaded.exports); // shallow: the SDK's freeze stops at a frozen object
      zodModules++;
    } else if (DOMAIN_MODULE.test(id)) {
      freezeData(loaded.exports);
    }
  }
  // Module ids that are no paths would leave zod to the SDK's freeze, which breaks it at its first parse.
  if (zodModules === 0) throw new Error('shared-modules: no zod module found in the workflow bundle by its path');
  // Each would be evaluated again for every workflow: import it above.
  if (notShared.length > 0) throw new Error(`shared-modules: the workflows import ${notShared.join(', ')}, which is not preloaded`);
}

freezeSharedModules();
