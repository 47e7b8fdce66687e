import * as clock from "../clock";
import type { Env } from "../config";
import type { Database } from "../db/client";
import { type ApiKeyStateRow, apiKeyStateRepository } from "../db/repositories/apiKeyState";
import type { SessionRow } from "../db/repositories/sessions";
import { Failure } from "../domain/failures/failure";
import { decryptSecret, encryptSecret } from "./secrets";
import { type SessionClient, SessionStore } from "./sessions";

/**
 * Which API key works: the Worker secret API_KEY, or the key Settings › General › Regenerate
 * made (stored in D1, see `apiKeyState` in the schema), which retires the secret it replaced. A
 * new secret (`wrangler secret put API_KEY`) is the key again: the stored key only counts while
 * the secret is the one it retired.
 *
 * Each isolate holds what it read for API_KEY_STATE_TTL_MS, so checking a key costs no D1 read in
 * the steady state, and no hash either: the presented key is compared with the key in clear, in
 * constant time (a digest compare remains for a regenerated key this ENCRYPTION_KEY cannot open). The isolate that regenerates switches at once; another
 * isolate accepts the retired key for at most API_KEY_STATE_TTL_MS more. The holding is keyed by
 * the secret, so a new secret counts at once.
 */
const API_KEY_STATE_TTL_MS = 10_000;

interface ActiveApiKey {
  /** SHA-256 of the key that works. */
  hash: Uint8Array;
  /** The stored row, also when stale (its key hash is the next regeneration's compare-and-swap token). */
  row?: ApiKeyStateRow;
  /** Whether the stored row's key is the key (else the secret is). */
  regenerated: boolean;
  /** The key in clear once needed (key checks, session signing, Show): the secret, or the stored key decrypted. */
  plain?: string;
  /** Set when the stored key could not be decrypted: key checks compare digests instead. */
  sealed?: boolean;
}

let held: { secret: string; secretHash: string; loadedAt: number; active: ActiveApiKey } | undefined;

const encoder = new TextEncoder();

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
}

const toHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
const fromHex = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));

/**
 * Whether a presented key is the expected one, in time that depends on the expected key's length
 * only: every character is compared, never stopping at the first difference.
 */
function sameText(presented: string, expected: string): boolean {
  let diff = presented.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) diff |= (presented.charCodeAt(i) | 0) ^ expected.charCodeAt(i);
  return diff === 0;
}

/** Whether two digests are equal, in time independent of where they differ. */
function sameDigest(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ (b[i] ?? 0);
  return diff === 0;
}

function configuredSecret(env: Env): string {
  if (!env.API_KEY)
    throw new Failure("unauthenticated", "API_KEY is not configured on the server; set it to use the API");
  return env.API_KEY;
}

/** Reads the stored key state from D1 and holds it for this isolate. */
async function load(db: Database, secret: string): Promise<ActiveApiKey> {
  const secretHash = held?.secret === secret ? held.secretHash : toHex(await sha256(secret));
  const row = await apiKeyStateRepository(db).read();
  const regenerated = row !== undefined && row.retiredSecretHash === secretHash;
  const active: ActiveApiKey = regenerated
    ? { hash: fromHex(row.keyHash), row, regenerated }
    : { hash: fromHex(secretHash), row, regenerated, plain: secret };
  held = { secret, secretHash, loadedAt: clock.now(), active };
  return active;
}

async function activeApiKey(db: Database, env: Env): Promise<ActiveApiKey> {
  const secret = configuredSecret(env);
  const age = held ? clock.now() - held.loadedAt : Number.POSITIVE_INFINITY;
  if (held?.secret === secret && age >= 0 && age < API_KEY_STATE_TTL_MS) return held.active;
  return load(db, secret);
}

async function plainKey(env: Env, active: ActiveApiKey): Promise<string> {
  if (active.plain !== undefined) return active.plain;
  try {
    active.plain = await decryptSecret(env, active.row?.sealedKey ?? "");
  } catch {
    throw new Failure(
      "conflict",
      "The regenerated API key cannot be decrypted with this ENCRYPTION_KEY; set a new API_KEY secret (wrangler secret put API_KEY) to make it the key",
    );
  }
  return active.plain;
}

/** Whether `presented` is the API key that works now (compared in constant time). */
export async function apiKeyMatches(db: Database, env: Env, presented: string): Promise<boolean> {
  const active = await activeApiKey(db, env);
  if (active.plain === undefined && !active.sealed) {
    // Once per holding: the regenerated key in clear, so the checks that follow need no hash.
    await plainKey(env, active).catch(() => {
      active.sealed = true;
    });
  }
  if (active.plain !== undefined) return sameText(presented, active.plain);
  return sameDigest(await sha256(presented), active.hash);
}

/** The site's sessions, signed with the key that works now: a new key ends every session. */
async function sessionStore(db: Database, env: Env): Promise<SessionStore> {
  return new SessionStore(db, await plainKey(env, await activeApiKey(db, env)));
}

/** Starts a site session for `client`, signed with the key that works now: its cookie token. */
export async function startSession(db: Database, env: Env, client: SessionClient): Promise<string> {
  return (await sessionStore(db, env)).create(client);
}

/** The live session a cookie token names under the key that works now, its last sighting refreshed. */
export async function verifySession(
  db: Database,
  env: Env,
  token: string,
  client?: SessionClient,
): Promise<SessionRow | undefined> {
  return (await sessionStore(db, env)).verify(token, client);
}

/** The live sessions (System › Sessions). */
export async function liveSessions(db: Database, env: Env): Promise<SessionRow[]> {
  return (await sessionStore(db, env)).list();
}

/** Revokes a session by its id; false when there is no such live session. */
export async function revokeSessionById(db: Database, env: Env, id: number): Promise<boolean> {
  return (await sessionStore(db, env)).revoke(id);
}

/** Ends the session a cookie token names (logout); an unknown token is ignored. */
export async function revokeSession(db: Database, env: Env, token: string): Promise<void> {
  await (await sessionStore(db, env)).revokeToken(token);
}

export interface ApiKeyView {
  apiKey: string;
  /** When Regenerate made it; null while the key is the API_KEY secret. */
  regeneratedAt: string | null;
}

/** The key that works now, read fresh from D1 (Show). */
export async function currentApiKey(db: Database, env: Env): Promise<ApiKeyView> {
  const active = await load(db, configuredSecret(env));
  return {
    apiKey: await plainKey(env, active),
    regeneratedAt: active.regenerated ? (active.row?.createdAt ?? null) : null,
  };
}

/**
 * Makes a new key and retires the one in use (the secret or an earlier regenerated key): every
 * site session ends, and the caller's, when `client` is given, starts again under the new key.
 */
export async function regenerateApiKey(
  db: Database,
  env: Env,
  client?: SessionClient,
): Promise<ApiKeyView & { sessionToken?: string }> {
  const secret = configuredSecret(env);
  const current = await load(db, secret);
  const apiKey = toHex(crypto.getRandomValues(new Uint8Array(16)));
  let sealedKey: string;
  try {
    sealedKey = await encryptSecret(env, apiKey);
  } catch {
    throw new Failure(
      "conflict",
      "Regenerating the API key needs a valid ENCRYPTION_KEY secret (32 bytes, base64): the key is stored encrypted with it",
    );
  }
  const keyHash = toHex(await sha256(apiKey));
  const createdAt = clock.nowIso();
  const secretHash = toHex(await sha256(secret));
  const session = client ? await new SessionStore(db, apiKey).prepare(client) : undefined;
  const row = { keyHash, sealedKey, createdAt, retiredSecretHash: secretHash };
  const won = await apiKeyStateRepository(db).replace(row, current.row?.keyHash, createdAt, session?.row);
  if (!won)
    throw new Failure(
      "conflict",
      "The API key was regenerated by another request at the same moment; show it to see the key in use",
    );
  held = {
    secret,
    secretHash,
    loadedAt: clock.now(),
    active: { hash: fromHex(keyHash), row: { id: 1, ...row }, regenerated: true, plain: apiKey },
  };
  return { apiKey, regeneratedAt: createdAt, sessionToken: session?.token };
}

/** Drops what this isolate holds (between tests, whose database starts empty each time). */
export function forgetApiKeyState(): void {
  held = undefined;
}
