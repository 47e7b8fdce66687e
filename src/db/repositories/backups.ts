import { asc, desc, eq, sql } from "drizzle-orm";
import type { Database } from "../client";
import { backupChunks, backups } from "../schema";

export type BackupRow = typeof backups.$inferSelect;
export type BackupType = BackupRow["type"];

/**
 * Tables a backup leaves out: SQLite's and D1's own, the backups themselves, the log store,
 * sessions and login throttling (security state, not library), the command log, the change
 * markers (moved by triggers on restore), the title search index and its FTS5 shadow tables
 * (triggers refill it as the movies are restored), and the Watchmode id map (a public dataset the
 * WatchmodeIdMapRefresh command reloads).
 */
const EXCLUDED = new Set([
  "d1_migrations",
  "backups",
  "backup_chunks",
  "log_entries",
  "sessions",
  "login_failures",
  "commands",
  "library_state",
  "movie_search",
  "movie_search_data",
  "movie_search_idx",
  "movie_search_content",
  "movie_search_docsize",
  "movie_search_config",
  "watchmode_id_map",
  "watchmode_id_map_staging",
]);

// Rows read per query when exporting a table.
const EXPORT_PAGE = 1000;
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The library's tables as a backup reads and restores them. */
export function libraryExport(db: Database) {
  return {
    /** The library's tables (every user table but the excluded), with their columns. */
    async libraryTables(): Promise<Map<string, string[]>> {
      const rows = await db.all<{ name: string; column: string }>(
        sql`select m.name as name, c.name as "column" from sqlite_master m, pragma_table_info(m.name) c
            where m.type = 'table' and m.name not like 'sqlite_%' and m.name not like '_cf_%' order by m.name, c.cid`,
      );
      const tables = new Map<string, string[]>();
      for (const { name, column } of rows) {
        if (EXCLUDED.has(name)) continue;
        tables.set(name, [...(tables.get(name) ?? []), column]);
      }
      return tables;
    },

    /** Every row of a table, as stored (JSON columns as their text), in rowid order. */
    async tableRows(table: string): Promise<Record<string, unknown>[]> {
      const out: Record<string, unknown>[] = [];
      let after = 0;
      for (;;) {
        const page = await db.all<Record<string, unknown> & { __rowid: number }>(
          sql.raw(
            `select rowid as __rowid, * from ${quote(table)} where rowid > ${after} order by rowid limit ${EXPORT_PAGE}`,
          ),
        );
        for (const { __rowid, ...row } of page) {
          out.push(row);
          after = __rowid;
        }
        if (page.length < EXPORT_PAGE) return out;
      }
    },

    /**
     * Replaces the library's tables with the given rows in one batch, so one transaction: every
     * table emptied, then each part (a JSON array of rows) inserted through json_each, with
     * foreign keys checked at the end. Either all of it applies or none.
     */
    async replace(tables: Map<string, string[]>, parts: { table: string; columns: string[]; json: string }[]) {
      const d1 = db.$client;
      await d1.batch([
        d1.prepare("pragma defer_foreign_keys = on"),
        ...[...tables.keys()].map((table) => d1.prepare(`delete from ${quote(table)}`)),
        ...parts.map(({ table, columns, json }) => {
          const names = columns.map(quote).join(", ");
          const values = columns.map((c) => `json_extract(value, '$.${quote(c).replaceAll("'", "''")}')`).join(", ");
          return d1.prepare(`insert into ${quote(table)} (${names}) select ${values} from json_each(?)`).bind(json);
        }),
      ]);
    },
  };
}

/** The stored backups and their chunks. */
export function backupRepository(db: Database) {
  return {
    /** Stores a backup and its chunks in one batch (all or nothing). */
    async save(backup: Omit<BackupRow, "id" | "chunks">, chunks: string[]): Promise<BackupRow> {
      // On D1 itself: drizzle cannot batch raw statements with parameters.
      const d1 = db.$client;
      await d1.batch([
        d1
          .prepare("insert into backups (name, type, size, time, chunks) values (?, ?, ?, ?, ?)")
          .bind(backup.name, backup.type, backup.size, backup.time, chunks.length),
        ...chunks.map((data, seq) =>
          d1
            .prepare("insert into backup_chunks (backup_id, seq, data) select id, ?, ? from backups where name = ?")
            .bind(seq, data, backup.name),
        ),
      ]);
      const [row] = await db.select().from(backups).where(eq(backups.name, backup.name));
      return row;
    },

    list: (): Promise<BackupRow[]> => db.select().from(backups).orderBy(desc(backups.time), desc(backups.id)),

    get: async (id: number): Promise<BackupRow | undefined> =>
      (await db.select().from(backups).where(eq(backups.id, id)))[0],

    /** The backup's text, its chunks joined in order. */
    async text(id: number): Promise<string> {
      const rows = await db
        .select({ data: backupChunks.data })
        .from(backupChunks)
        .where(eq(backupChunks.backupId, id))
        .orderBy(asc(backupChunks.seq));
      return rows.map((r) => r.data).join("");
    },

    /** Deletes a backup (its chunks go with it); false when there was none. */
    async delete(id: number): Promise<boolean> {
      await db.delete(backupChunks).where(eq(backupChunks.backupId, id));
      const gone = await db.delete(backups).where(eq(backups.id, id)).returning({ id: backups.id });
      return gone.length > 0;
    },
  };
}
