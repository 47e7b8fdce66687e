import { and, isNotNull, lte } from "drizzle-orm";
import * as clock from "../clock";
import type { Database } from "../db/client";
import { blocklist } from "../db/schema";

/** Removes entries whose time ran out (blockedUntil passed): those releases may be grabbed again. */
export async function expireBlocklist(db: Database, now = clock.nowDate()): Promise<number> {
  const removed = await db
    .delete(blocklist)
    .where(and(isNotNull(blocklist.blockedUntil), lte(blocklist.blockedUntil, now.toISOString())))
    .returning({ id: blocklist.id });
  return removed.length;
}
