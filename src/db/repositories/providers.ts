import { asc, eq, gt, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { type Database, inList } from "../client";
import { downloadClients, indexerStatus, indexers } from "../schema";

/** What every provider row has: the provider framework reads and writes these. */
export interface StoredProvider {
  id: number;
  name: string;
  implementation: string;
  settings: Record<string, unknown>;
}

/** The SQL of one provider table (download clients, indexers, notifications, import lists). */
export interface ProviderRepository<Row extends StoredProvider, Values> {
  /** Every row, in the order the API lists them. */
  list(): Promise<Row[]>;
  /** Every row by id (the order `testall` answers in). */
  listById(): Promise<Row[]>;
  get(id: number): Promise<Row | undefined>;
  /** The id of the row with this name, if any (names are unique per kind). */
  idByName(name: string): Promise<number | undefined>;
  insert(values: Values): Promise<Row>;
  update(id: number, values: Values): Promise<Row | undefined>;
  /** False when there was no such row. */
  remove(id: number): Promise<boolean>;
  /** The rows of these ids that exist, by id. */
  getMany(ids: readonly number[]): Promise<Row[]>;
  /** Updates several rows in one transaction (a bulk edit: all or nothing); the rows as updated. */
  updateMany(changes: readonly { id: number; values: Partial<Values> }[]): Promise<Row[]>;
  /** Deletes these rows in one statement. */
  removeMany(ids: readonly number[]): Promise<void>;
}

type ProviderTable = SQLiteTable & { id: SQLiteColumn; name: SQLiteColumn };

/**
 * The repository of a provider table, its rows listed in `order`. Drizzle cannot type a query
 * over a table parameter, so the rows are typed by the table's own inferred types here, once.
 */
export function providerRepository<Table extends ProviderTable>(
  db: Database,
  table: Table,
  order: SQL[],
): ProviderRepository<Table["$inferSelect"] & StoredProvider, Table["$inferInsert"]> {
  type Row = Table["$inferSelect"] & StoredProvider;
  const rows = (query: Promise<unknown>) => query as Promise<Row[]>;
  const from = () => db.select().from(table as SQLiteTable);
  return {
    list: () => rows(from().orderBy(...order)),
    listById: () => rows(from().orderBy(asc(table.id))),
    get: async (id) => (await rows(from().where(eq(table.id, id))))[0],
    idByName: async (name) => {
      const [clash] = await db
        .select({ id: table.id })
        .from(table as SQLiteTable)
        .where(eq(table.name, name));
      return clash?.id as number | undefined;
    },
    insert: async (values) => (await rows(db.insert(table).values(values).returning()))[0],
    update: async (id, values) => (await rows(db.update(table).set(values).where(eq(table.id, id)).returning()))[0],
    remove: async (id) => (await db.delete(table).where(eq(table.id, id)).returning()).length > 0,
    getMany: (ids) => rows(from().where(inList(table.id, ids)).orderBy(asc(table.id))),
    updateMany: async (changes) => {
      if (!changes.length) return [];
      const [first, ...rest] = changes.map(({ id, values }) =>
        db.update(table).set(values).where(eq(table.id, id)).returning(),
      );
      const results = (await db.batch([first, ...rest])) as unknown as Row[][];
      return results.map(([row]) => row);
    },
    removeMany: async (ids) => {
      await db.delete(table).where(inList(table.id, ids));
    },
  };
}

export type DownloadClientRow = typeof downloadClients.$inferSelect;

export function downloadClientRepository(db: Database) {
  return providerRepository(db, downloadClients, [asc(downloadClients.priority), asc(downloadClients.name)]);
}

export type IndexerRow = typeof indexers.$inferSelect;

/** Indexers; an update forgets the cached capabilities, since new settings may change them. */
export function indexerRepository(db: Database): ProviderRepository<IndexerRow, typeof indexers.$inferInsert> {
  const repository = providerRepository(db, indexers, [asc(indexers.priority), asc(indexers.name)]);
  return {
    ...repository,
    update: async (id, values) => {
      const [[row]] = await db.batch([
        db.update(indexers).set(values).where(eq(indexers.id, id)).returning(),
        db
          .update(indexerStatus)
          .set({ capabilities: null, capsFetchedAt: null })
          .where(eq(indexerStatus.indexerId, id)),
      ]);
      return row;
    },
  };
}

/** Indexers that failed since their last success (Radarr's indexer status). */
export function failingIndexerStatuses(db: Database) {
  return db.select().from(indexerStatus).where(gt(indexerStatus.consecutiveFailures, 0));
}
