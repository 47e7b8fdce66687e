import { eq, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Database } from "../client";

/** A table keyed by an integer `id`: the shape every simple resource shares. */
type IdTable = SQLiteTable & { id: SQLiteColumn };

/** List, get, find, create, update and delete of one simple table, written once. */
export interface CrudRepository<Row, Insert> {
  list(): Promise<Row[]>;
  get(id: number): Promise<Row | undefined>;
  /** The first row whose `column` equals `value` (a unique column: label, path, TMDb id). */
  findBy(column: SQLiteColumn, value: string | number): Promise<Row | undefined>;
  create(values: Insert): Promise<Row>;
  /** The updated row, or undefined when no row has that id. */
  update(id: number, values: Partial<Insert>): Promise<Row | undefined>;
  /** The deleted row, or undefined when no row has that id. */
  delete(id: number): Promise<Row | undefined>;
}

/**
 * The CRUD repository of `table`, listed in `orderBy` order. Drizzle cannot follow a generic
 * table through its builders, hence the casts: the row types come from the table itself.
 */
export function crudRepository<T extends IdTable>(table: T, orderBy: (SQLiteColumn | SQL)[]) {
  type Row = T["$inferSelect"];
  type Insert = T["$inferInsert"];
  const byId = (id: number) => eq(table.id, id);
  return (db: Database): CrudRepository<Row, Insert> => ({
    list: async () =>
      (await db
        .select()
        .from(table as SQLiteTable)
        .orderBy(...orderBy)) as Row[],
    get: async (id) =>
      (
        (await db
          .select()
          .from(table as SQLiteTable)
          .where(byId(id))) as Row[]
      )[0],
    findBy: async (column, value) =>
      (
        (await db
          .select()
          .from(table as SQLiteTable)
          .where(eq(column, value))) as Row[]
      )[0],
    create: async (values) => ((await db.insert(table).values(values).returning()) as Row[])[0],
    update: async (id, values) => ((await db.update(table).set(values).where(byId(id)).returning()) as Row[])[0],
    delete: async (id) => ((await db.delete(table).where(byId(id)).returning()) as Row[])[0],
  });
}
