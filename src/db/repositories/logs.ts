import { and, asc, desc, eq, gte, inArray, lt, or, sql } from "drizzle-orm";
import { chunk, D1_MAX_BOUND_PARAMETERS, type Database } from "../client";
import { logEntries } from "../schema";

export type LogRow = typeof logEntries.$inferSelect;
type NewLogRow = typeof logEntries.$inferInsert;
export type LogLevel = LogRow["level"];

// Six bound columns a row: as many rows a statement as D1's parameter limit allows.
const ROWS_PER_INSERT = Math.floor(D1_MAX_BOUND_PARAMETERS / 6);

export interface LogPageQuery {
  page: number;
  pageSize: number;
  sortDirection: "ascending" | "descending";
  /** Only these levels (all when undefined). */
  levels?: LogLevel[];
  /** Only records whose message or logger contains this text (ASCII case ignored). */
  filter?: string;
  /** Only the records of the request with this correlation id. */
  correlationId?: string;
}

/**
 * Records whose message or logger contains `text`, ASCII case ignored. `instr` rather than LIKE:
 * D1 (workerd's SQLite) refuses LIKE patterns over 50 bytes, and the text needs no escaping.
 */
function containing(text: string) {
  const needle = text.toLowerCase();
  return or(
    sql`instr(lower(${logEntries.message}), ${needle}) > 0`,
    sql`instr(lower(${logEntries.logger}), ${needle}) > 0`,
  );
}

function pageWhere(query: LogPageQuery) {
  return and(
    query.levels ? inArray(logEntries.level, query.levels) : undefined,
    query.filter ? containing(query.filter) : undefined,
    query.correlationId ? eq(logEntries.correlationId, query.correlationId) : undefined,
  );
}

export function logRepository(db: Database) {
  return {
    /** Appends records (in one batch of multi-row inserts). */
    async append(rows: NewLogRow[]): Promise<void> {
      const [first, ...rest] = chunk(rows, ROWS_PER_INSERT).map((part) => db.insert(logEntries).values(part));
      if (first) await db.batch([first, ...rest]);
    },

    /** One page by id (the order records were written) and the total. */
    async page(query: LogPageQuery): Promise<{ rows: LogRow[]; totalRecords: number }> {
      const where = pageWhere(query);
      const order = query.sortDirection === "descending" ? desc : asc;
      const [[{ total }], rows] = await Promise.all([
        db.select({ total: sql<number>`count(*)` }).from(logEntries).where(where),
        db
          .select()
          .from(logEntries)
          .where(where)
          .orderBy(order(logEntries.id))
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize),
      ]);
      return { rows, totalRecords: total };
    },

    /** The UTC days with records (YYYY-MM-DD) and each day's last record time, newest day first. */
    days: (): Promise<{ day: string; last: string }[]> =>
      db
        .select({ day: sql<string>`substr(${logEntries.time}, 1, 10)`, last: sql<string>`max(${logEntries.time})` })
        .from(logEntries)
        .groupBy(sql`substr(${logEntries.time}, 1, 10)`)
        .orderBy(sql`1 desc`),

    /** The records of one UTC day, in the order they were written. */
    forDay: (day: string): Promise<LogRow[]> =>
      db
        .select()
        .from(logEntries)
        .where(and(gte(logEntries.time, day), lt(logEntries.time, `${day}\uffff`)))
        .orderBy(asc(logEntries.id)),

    /** Deletes all but the newest `keep` records; returns how many went. */
    async prune(keep: number): Promise<number> {
      const [newest] = await db
        .select({ id: logEntries.id })
        .from(logEntries)
        .orderBy(desc(logEntries.id))
        .limit(1)
        .offset(keep);
      if (!newest) return 0;
      const gone = await db
        .delete(logEntries)
        .where(sql`${logEntries.id} <= ${newest.id}`)
        .returning({ id: logEntries.id });
      return gone.length;
    },
  };
}
