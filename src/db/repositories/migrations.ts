import { sql } from "drizzle-orm";
import type { Database } from "../client";

/** How many D1 migrations are applied (0 when the migrations table is not there). */
export async function appliedMigrationCount(db: Database): Promise<number> {
  const [{ migrations }] = await db
    .all<{ migrations: number }>(sql`select count(*) as migrations from d1_migrations`)
    .catch(() => [{ migrations: 0 }]);
  return migrations;
}
