import { v7 } from 'uuid';

/** A time-ordered UUID (v7), so ids sort by creation and page cleanly. */
export function newId(): string {
  return v7();
}
