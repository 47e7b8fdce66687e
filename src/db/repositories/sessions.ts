import { and, desc, eq, gt, isNull, lt, or } from "drizzle-orm";
import type { Database } from "../client";
import { sessions } from "../schema";

export type SessionRow = typeof sessions.$inferSelect;
export type NewSessionRow = Omit<typeof sessions.$inferInsert, "id" | "revokedAt">;

/** Site sessions, found by the hash of their cookie token; "live" = not revoked, not expired at `nowIso`. */
export function sessionRepository(db: Database) {
  const live = (nowIso: string) => and(isNull(sessions.revokedAt), gt(sessions.expiresAt, nowIso));
  return {
    /** Drops sessions expired or revoked before `nowIso` and inserts `session`, in one batch. */
    async start(session: NewSessionRow, nowIso: string): Promise<void> {
      await db.batch([
        db.delete(sessions).where(or(lt(sessions.expiresAt, nowIso), lt(sessions.revokedAt, nowIso))),
        db.insert(sessions).values(session),
      ]);
    },

    /** The live session with this token hash. */
    async liveByTokenHash(tokenHash: string, nowIso: string): Promise<SessionRow | undefined> {
      const [row] = await db
        .select()
        .from(sessions)
        .where(and(eq(sessions.tokenHash, tokenHash), live(nowIso)));
      return row;
    },

    async markSeen(id: number, seen: Partial<Pick<SessionRow, "lastSeenAt" | "userAgent" | "clientAddress">>) {
      await db.update(sessions).set(seen).where(eq(sessions.id, id));
    },

    /** Revokes the unrevoked session with this token hash, if any. */
    async revokeByTokenHash(tokenHash: string, revokedAt: string): Promise<void> {
      await db
        .update(sessions)
        .set({ revokedAt })
        .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt)));
    },

    /** Live sessions, most recently seen first. */
    listLive(nowIso: string): Promise<SessionRow[]> {
      return db.select().from(sessions).where(live(nowIso)).orderBy(desc(sessions.lastSeenAt), desc(sessions.id));
    },

    /** Revokes a live session by id; false when there is none. */
    async revokeLive(id: number, nowIso: string): Promise<boolean> {
      const revoked = await db
        .update(sessions)
        .set({ revokedAt: nowIso })
        .where(and(eq(sessions.id, id), live(nowIso)))
        .returning({ id: sessions.id });
      return revoked.length > 0;
    },
  };
}
