import * as clock from "../clock";
import type { Database } from "../db/client";
import { type NewSessionRow, type SessionRow, sessionRepository } from "../db/repositories/sessions";

export const SESSION_TTL_SECONDS = 30 * 24 * 60 * 60;
// lastSeenAt is refreshed at most once a minute per session, so browsing costs no write per request.
const LAST_SEEN_RESOLUTION_MS = 60_000;

export interface SessionClient {
  userAgent: string;
  clientAddress: string;
}

const encoder = new TextEncoder();

function base64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

async function hmac(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  return base64Url(new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(message))));
}

/**
 * Site sessions stored in D1, so logout and revoke hold in every isolate. The cookie's token is
 * 32 random bytes; the table keeps only HMAC(API key, token), so neither a copy of the table nor
 * an old cookie after the key changes logs anyone in. The key is the one that works now
 * (services/apiKeys.ts): the secret, or the key Regenerate made.
 */
export class SessionStore {
  private readonly sessions;

  constructor(
    db: Database,
    private readonly apiKey: string,
  ) {
    this.sessions = sessionRepository(db);
  }

  private tokenHash(token: string): Promise<string> {
    return hmac(this.apiKey, `session:${token}`);
  }

  /** A new session's cookie token and its row, for a caller that stores it in its own batch. */
  async prepare(client: SessionClient): Promise<{ token: string; row: NewSessionRow }> {
    const token = base64Url(crypto.getRandomValues(new Uint8Array(32)));
    const now = clock.now();
    const nowIso = new Date(now).toISOString();
    const row = {
      tokenHash: await this.tokenHash(token),
      createdAt: nowIso,
      lastSeenAt: nowIso,
      expiresAt: new Date(now + SESSION_TTL_SECONDS * 1000).toISOString(),
      userAgent: client.userAgent.slice(0, 512),
      clientAddress: client.clientAddress.slice(0, 64),
    };
    return { token, row };
  }

  /** Starts a session and returns its cookie token; expired and revoked sessions are dropped. */
  async create(client: SessionClient): Promise<string> {
    const { token, row } = await this.prepare(client);
    await this.sessions.start(row, row.createdAt);
    return token;
  }

  /** The live session a cookie token names (not revoked, not expired), its last sighting refreshed. */
  async verify(token: string, client?: SessionClient): Promise<SessionRow | undefined> {
    const now = clock.now();
    const row = await this.sessions.liveByTokenHash(await this.tokenHash(token), new Date(now).toISOString());
    if (!row) return undefined;
    if (now - Date.parse(row.lastSeenAt) >= LAST_SEEN_RESOLUTION_MS) {
      const seen = { lastSeenAt: new Date(now).toISOString(), ...(client ?? {}) };
      await this.sessions.markSeen(row.id, seen);
      return { ...row, ...seen };
    }
    return row;
  }

  /** Ends the session a cookie token names (logout); unknown tokens are ignored. */
  async revokeToken(token: string): Promise<void> {
    await this.sessions.revokeByTokenHash(await this.tokenHash(token), clock.nowIso());
  }

  /** Live sessions, most recently seen first. */
  list(): Promise<SessionRow[]> {
    return this.sessions.listLive(clock.nowIso());
  }

  /** Revokes a live session by id; false when there is none. */
  revoke(id: number): Promise<boolean> {
    return this.sessions.revokeLive(id, clock.nowIso());
  }
}
