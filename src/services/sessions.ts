import { and, desc, eq, gt, isNull, lt, or } from "drizzle-orm";
import * as clock from "../clock";
import type { Database } from "../db/client";
import { sessions } from "../db/schema";

export const SESSION_TTL_SECONDS = 30 * 24 * 60 * 60;
// lastSeenAt is refreshed at most once a minute per session, so browsing costs no write per request.
const LAST_SEEN_RESOLUTION_MS = 60_000;

type SessionRow = typeof sessions.$inferSelect;

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
 * an old cookie after the key changes logs anyone in.
 */
export class SessionStore {
  constructor(
    private readonly db: Database,
    private readonly apiKey: string,
  ) {}

  private tokenHash(token: string): Promise<string> {
    return hmac(this.apiKey, `session:${token}`);
  }

  /** Starts a session and returns its cookie token; expired and revoked sessions are dropped. */
  async create(client: SessionClient): Promise<string> {
    const token = base64Url(crypto.getRandomValues(new Uint8Array(32)));
    const now = clock.now();
    const nowIso = new Date(now).toISOString();
    await this.db.batch([
      this.db.delete(sessions).where(or(lt(sessions.expiresAt, nowIso), lt(sessions.revokedAt, nowIso))),
      this.db.insert(sessions).values({
        tokenHash: await this.tokenHash(token),
        createdAt: nowIso,
        lastSeenAt: nowIso,
        expiresAt: new Date(now + SESSION_TTL_SECONDS * 1000).toISOString(),
        userAgent: client.userAgent.slice(0, 512),
        clientAddress: client.clientAddress.slice(0, 64),
      }),
    ]);
    return token;
  }

  /** The live session a cookie token names (not revoked, not expired), its last sighting refreshed. */
  async verify(token: string, client?: SessionClient): Promise<SessionRow | undefined> {
    const now = clock.now();
    const [row] = await this.db
      .select()
      .from(sessions)
      .where(
        and(
          eq(sessions.tokenHash, await this.tokenHash(token)),
          isNull(sessions.revokedAt),
          gt(sessions.expiresAt, new Date(now).toISOString()),
        ),
      );
    if (!row) return undefined;
    if (now - Date.parse(row.lastSeenAt) >= LAST_SEEN_RESOLUTION_MS) {
      const seen = { lastSeenAt: new Date(now).toISOString(), ...(client ?? {}) };
      await this.db.update(sessions).set(seen).where(eq(sessions.id, row.id));
      return { ...row, ...seen };
    }
    return row;
  }

  /** Ends the session a cookie token names (logout); unknown tokens are ignored. */
  async revokeToken(token: string): Promise<void> {
    await this.db
      .update(sessions)
      .set({ revokedAt: clock.nowIso() })
      .where(and(eq(sessions.tokenHash, await this.tokenHash(token)), isNull(sessions.revokedAt)));
  }

  /** Live sessions, most recently seen first. */
  list(): Promise<SessionRow[]> {
    return this.db
      .select()
      .from(sessions)
      .where(and(isNull(sessions.revokedAt), gt(sessions.expiresAt, clock.nowIso())))
      .orderBy(desc(sessions.lastSeenAt), desc(sessions.id));
  }

  /** Revokes a live session by id; false when there is none. */
  async revoke(id: number): Promise<boolean> {
    const revoked = await this.db
      .update(sessions)
      .set({ revokedAt: clock.nowIso() })
      .where(and(eq(sessions.id, id), isNull(sessions.revokedAt), gt(sessions.expiresAt, clock.nowIso())))
      .returning({ id: sessions.id });
    return revoked.length > 0;
  }
}
