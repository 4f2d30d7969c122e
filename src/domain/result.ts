/**
 * Result: expected outcomes as values. Broken invariants throw through `assert`.
 * Owns: the Result type and its helpers. Must not: know about HTTP or I/O.
 */
export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err<E> = { readonly ok: false; readonly error: E };
export type Result<T, E> = Ok<T> | Err<E>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = <E>(error: E): Err<E> => ({ ok: false, error });

/** A broken invariant: a bug, never a user's mistake. The transaction around it rolls back. */
export class InvariantError extends Error {
  override readonly name = 'InvariantError';
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new InvariantError(message);
}

export function assertNever(value: never): never {
  throw new InvariantError(`unexpected value: ${JSON.stringify(value)}`);
}

/** One offending input field: the shape every validation in the domain reports. */
export type FieldIssue = { readonly path: string; readonly message: string; readonly code: string };
