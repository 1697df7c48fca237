/**
 * A map's own value for a key, never one of Object.prototype's members: a Dockerfile, a stage or a command named
 * `constructor`, `toString` or `__proto__` (all valid names a pull request can pick) must not find a function where
 * a table of settings has no entry. Pure.
 */
export function ownValue<T>(table: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return table !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

/** Sets a map's own entry, even for the key `__proto__` (an assignment would replace the map's prototype instead). */
export function setOwn<T>(table: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(table, key, { value, enumerable: true, writable: true, configurable: true });
}
