/**
 * A deeply frozen copy of plain data (objects, arrays, primitives) that reuses every part
 * already frozen: a state built from one read from a store shares its unchanged parts with
 * it, so storing it copies only what changed and reading it copies nothing. Callers never
 * alias stored state: what they hand in is copied, what they get back cannot be changed.
 * A frozen value is taken as deeply frozen, as every value this returns is (nothing else in
 * the code base freezes).
 */
export function frozenCopy<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  if (Array.isArray(value)) return Object.freeze(value.map(frozenCopy)) as T;
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return deepFreeze(structuredClone(value));
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) copy[key] = frozenCopy(field);
  return Object.freeze(copy) as T;
}

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  for (const field of Object.values(value)) deepFreeze(field);
  return Object.freeze(value);
}
