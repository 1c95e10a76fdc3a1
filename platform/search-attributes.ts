/** Registers the search attributes of platform/temporal-namespace.ts in a namespace that lacks them. */
import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { searchAttributes } from './temporal-namespace';

const indexedValueType = {
  KEYWORD: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  DATETIME: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
} as const;

/**
 * Registers Koers's custom search attributes in a namespace where they are missing (a fresh
 * Temporal server, the test server). Safe to run at every start.
 */
export async function registerSearchAttributes(connection: Connection, namespace: string): Promise<void> {
  const customAttributes = await connection.operatorService.listSearchAttributes({ namespace }).then(
    (r) => r.customAttributes ?? {},
    () => ({}), // Temporal's time-skipping test server has no list, but does accept additions
  );
  const missing = Object.values(searchAttributes).filter((key) => !(key.name in customAttributes));
  if (missing.length === 0) return;
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(missing.map((key) => [key.name, indexedValueType[key.type as keyof typeof indexedValueType]])),
  });
}
