import * as clock from "../clock";
import type { Database } from "../db/client";
import { loginAttemptRepository } from "../db/repositories/loginAttempts";

/** Logins one client address may try per window before it must wait for the window to end. */
export const LOGIN_ATTEMPT_LIMIT = 5;
const LOGIN_WINDOW_MS = 60_000;

export type LoginAttempt = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts a login attempt against the client's window before the credentials are checked. One
 * upsert both counts and reads (RETURNING), so parallel attempts from many isolates cannot slip
 * past the limit between a read and a write. A window that has ended starts a new one at 1.
 */
export async function reserveLoginAttempt(db: Database, clientKey: string): Promise<LoginAttempt> {
  const now = clock.now();
  const row = await loginAttemptRepository(db).count(clientKey, now, LOGIN_WINDOW_MS);
  if (row.failures <= LOGIN_ATTEMPT_LIMIT) return { allowed: true };
  const remainingMs = row.windowStart + LOGIN_WINDOW_MS - now;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(remainingMs / 1000)) };
}

/** A successful login clears the client's count: the right key is never held back by old typos. */
export async function clearLoginAttempts(db: Database, clientKey: string): Promise<void> {
  await loginAttemptRepository(db).clear(clientKey);
}
