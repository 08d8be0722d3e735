import { monotonicFactory } from 'ulid';

// Monotonic: ids created in the same millisecond still sort in creation order.
const nextUlid = monotonicFactory();

/** A new ULID (26 characters, Crockford base32, time-sortable): the id of every FACTSWAY record. */
export function newId(): string {
  return nextUlid();
}

/** Crockford base32, first character 0-7 (48-bit timestamp); case-insensitive. */
export const ULID_PATTERN = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/i;
