/** A posted form field as text; a NUL character (no one types it; no database column holds it) is dropped. */
export function text(value: unknown): string {
  return typeof value === 'string' ? value.replaceAll('\u0000', '') : '';
}
