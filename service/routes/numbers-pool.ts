import { randomInt } from 'node:crypto';
import type { Storage } from '../storage/storage';

/** Gives a new account a free Japanese 050 number (+81 50 xxxx xxxx). */
export function allocateNumber(storage: Storage): string {
  for (;;) {
    const number = `+8150${String(randomInt(10_000_000, 99_999_999))}`;
    if (!storage.accounts.byNumber(number)) return number;
  }
}
