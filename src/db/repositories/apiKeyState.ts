import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "../client";
import { apiKeyState, sessions } from "../schema";
import type { NewSessionRow } from "./sessions";

export type ApiKeyStateRow = typeof apiKeyState.$inferSelect;
type NewApiKeyState = Omit<ApiKeyStateRow, "id">;

const ROW_ID = 1;

/**
 * The regenerated API key's one row. A replacement is a compare-and-swap on the key hash read
 * before it, in one batch with the revocation of every site session and the caller's new session,
 * both conditional on the swap: of two regenerations at once, one wins and the other writes nothing.
 */
export function apiKeyStateRepository(db: Database) {
  return {
    async read(): Promise<ApiKeyStateRow | undefined> {
      const [row] = await db.select().from(apiKeyState).where(eq(apiKeyState.id, ROW_ID));
      return row;
    },

    /**
     * Stores `next` if the row's key hash is still `expectedKeyHash` (undefined: no row yet); on
     * success revokes every live session and starts `session` (when given). False when it lost.
     */
    async replace(
      next: NewApiKeyState,
      expectedKeyHash: string | undefined,
      nowIso: string,
      session?: NewSessionRow,
    ): Promise<boolean> {
      const swap =
        expectedKeyHash === undefined
          ? db
              .insert(apiKeyState)
              .values({ id: ROW_ID, ...next })
              .onConflictDoNothing()
              .returning({ id: apiKeyState.id })
          : db
              .update(apiKeyState)
              .set(next)
              .where(and(eq(apiKeyState.id, ROW_ID), eq(apiKeyState.keyHash, expectedKeyHash)))
              .returning({ id: apiKeyState.id });
      const swapped = sql`exists (select 1 from ${apiKeyState} where ${apiKeyState.keyHash} = ${next.keyHash})`;
      const revokeAll = db
        .update(sessions)
        .set({ revokedAt: nowIso })
        .where(and(isNull(sessions.revokedAt), swapped));
      const start = session
        ? [
            db
              .insert(sessions)
              .select(
                sql`select null, ${session.tokenHash}, ${session.createdAt}, ${session.lastSeenAt}, ${session.expiresAt}, ${session.userAgent ?? ""}, ${session.clientAddress ?? ""}, null where ${swapped}`,
              ),
          ]
        : [];
      const [won] = await db.batch([swap, revokeAll, ...start]);
      return won.length > 0;
    },
  };
}
