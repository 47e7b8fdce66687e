import { eq } from "drizzle-orm";
import type { Database } from "../client";
import { traktTokens } from "../schema";

type TraktTokenRow = typeof traktTokens.$inferSelect;

/** The single row holding the connected Trakt account's (encrypted) tokens. */
const ACCOUNT_ROW = 1;

export function traktTokenRepository(db: Database) {
  return {
    /** What is stored without the tokens themselves. */
    async summary(): Promise<Pick<TraktTokenRow, "scope" | "expiresAt" | "createdAt"> | undefined> {
      const [row] = await db
        .select({ scope: traktTokens.scope, expiresAt: traktTokens.expiresAt, createdAt: traktTokens.createdAt })
        .from(traktTokens)
        .where(eq(traktTokens.id, ACCOUNT_ROW));
      return row;
    },

    async get(): Promise<TraktTokenRow | undefined> {
      const [row] = await db.select().from(traktTokens).where(eq(traktTokens.id, ACCOUNT_ROW));
      return row;
    },

    /** Stores the account's tokens, replacing any before them. */
    async save(values: Omit<TraktTokenRow, "id">): Promise<void> {
      await db
        .insert(traktTokens)
        .values({ id: ACCOUNT_ROW, ...values })
        .onConflictDoUpdate({ target: traktTokens.id, set: values });
    },

    async delete(): Promise<void> {
      await db.delete(traktTokens).where(eq(traktTokens.id, ACCOUNT_ROW));
    },
  };
}
