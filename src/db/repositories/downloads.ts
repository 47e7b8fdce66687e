import { and, asc, desc, eq, gt, inArray, isNotNull, ne, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Database } from "../client";
import { downloadClients, downloads } from "../schema";

export type DownloadRow = typeof downloads.$inferSelect;
type NewDownloadRow = typeof downloads.$inferInsert;
type DownloadChanges = Partial<NewDownloadRow>;

/** A statement for a batch (one transaction). */
export type BatchStatement = BatchItem<"sqlite">;

/** The states of a download its client is still working on (polled by the monitoring). */
const MONITORED_STATES = ["downloading", "importPending", "importing"] as const;

/**
 * The queue's downloads (tracked from grab to import or failure) and the clients they go to.
 * Statements without `await` go into the caller's batch.
 */
export function downloadRepository(db: Database) {
  return { ...downloadReads(db), ...downloadWrites(db), ...clientsToSendTo(db) };
}

/** The movie's latest download with the client's id `downloadId` (what a grab's history names). */
export async function downloadOfGrab(
  db: Database,
  movieId: number,
  downloadId: string,
): Promise<DownloadRow | undefined> {
  const [row] = await db
    .select()
    .from(downloads)
    .where(and(eq(downloads.movieId, movieId), eq(downloads.downloadId, downloadId)))
    .orderBy(desc(downloads.id))
    .limit(1);
  return row;
}

/** The queue's reads: one download, what a poll checks, what a grab must not repeat, failure counts. */
function downloadReads(db: Database) {
  return {
    async get(id: number): Promise<DownloadRow | undefined> {
      const [row] = await db.select().from(downloads).where(eq(downloads.id, id));
      return row;
    },

    /** The downloads a poll checks: being downloaded or imported, with a client id. */
    monitored(): Promise<DownloadRow[]> {
      return db
        .select()
        .from(downloads)
        .where(and(inArray(downloads.trackedDownloadState, [...MONITORED_STATES]), ne(downloads.downloadId, "")));
    },

    /** A movie's downloads in `states` (what a new grab must not repeat). */
    inStatesForMovie(movieId: number, states: readonly DownloadRow["trackedDownloadState"][]) {
      return db
        .select({
          id: downloads.id,
          title: downloads.title,
          indexer: downloads.indexer,
          downloadId: downloads.downloadId,
        })
        .from(downloads)
        .where(and(eq(downloads.movieId, movieId), inArray(downloads.trackedDownloadState, [...states])));
    },

    /** A movie's downloads in `states` as the decision engine compares releases against them. */
    queuedReleasesForMovie(movieId: number, states: readonly DownloadRow["trackedDownloadState"][]) {
      return db
        .select({
          title: downloads.title,
          quality: downloads.quality,
          customFormatScore: downloads.customFormatScore,
          size: downloads.size,
          trackedDownloadState: downloads.trackedDownloadState,
        })
        .from(downloads)
        .where(and(eq(downloads.movieId, movieId), inArray(downloads.trackedDownloadState, [...states])));
    },

    /** The status messages a download shows now. */
    async statusMessages(id: number): Promise<DownloadRow["statusMessages"] | undefined> {
      const [current] = await db
        .select({ statusMessages: downloads.statusMessages })
        .from(downloads)
        .where(eq(downloads.id, id));
      return current?.statusMessages;
    },

    /** Up to 20 downloads dead-lettered after `sinceIso`. */
    deadLetteredSince(sinceIso: string) {
      return db
        .select({ title: downloads.title, failureKind: downloads.failureKind, errorMessage: downloads.errorMessage })
        .from(downloads)
        .where(and(isNotNull(downloads.deadLetteredAt), gt(downloads.deadLetteredAt, sinceIso)))
        .limit(20);
    },

    /** How many downloads have a failure, by kind and state (retrying, failed, deadLettered). */
    failureCounts() {
      const state = sql<string>`case when ${downloads.deadLetteredAt} is not null then 'deadLettered' when ${downloads.trackedDownloadState} in ('failed', 'failedPending', 'removed') then 'failed' else 'retrying' end`;
      return db
        .select({ kind: downloads.failureKind, state, count: sql<number>`count(*)` })
        .from(downloads)
        .where(isNotNull(downloads.failureKind))
        .groupBy(downloads.failureKind, state);
    },
  };
}

/** The queue's writes; statements without `await` go into the caller's batch. */
function downloadWrites(db: Database) {
  return {
    /** The update of one download: awaited alone, or for the caller's batch. */
    update: (id: number, changes: DownloadChanges) => db.update(downloads).set(changes).where(eq(downloads.id, id)),

    /** Inserts a download and returns its row. */
    async insert(values: NewDownloadRow): Promise<DownloadRow> {
      const [row] = await db.insert(downloads).values(values).returning();
      return row;
    },

    /**
     * Records a sent grab with its history event in one batch: a new download grabbed at
     * `grabbedAt`, or the pending one `pendingId` updated (its grab time kept). Returns its row.
     */
    async recordGrab(
      pendingId: number | undefined,
      values: Omit<NewDownloadRow, "grabbedAt">,
      grabbedAt: string,
      history: BatchStatement,
    ): Promise<DownloadRow> {
      const write =
        pendingId === undefined
          ? db
              .insert(downloads)
              .values({ ...values, grabbedAt })
              .returning()
          : db.update(downloads).set(values).where(eq(downloads.id, pendingId)).returning();
      const [[row]] = await db.batch([write, history]);
      return row;
    },

    /** Runs statements as one batch (one transaction); nothing for none. */
    async batch(statements: readonly BatchStatement[]): Promise<void> {
      if (statements.length) await db.batch(statements as [BatchStatement, ...BatchStatement[]]);
    },
  };
}

/** The download clients a grab or a poll goes to. */
function clientsToSendTo(db: Database) {
  return {
    /** The clients with these ids. */
    clientsByIds(ids: number[]) {
      return db.select().from(downloadClients).where(inArray(downloadClients.id, ids));
    },

    /** Enabled clients for a protocol, the one to try first first (priority, then oldest). */
    enabledClientsFor(protocol: (typeof downloadClients.$inferSelect)["protocol"]) {
      return db
        .select()
        .from(downloadClients)
        .where(and(eq(downloadClients.enable, true), eq(downloadClients.protocol, protocol)))
        .orderBy(asc(downloadClients.priority), asc(downloadClients.id));
    },

    async enabledClientCount(): Promise<number> {
      const [{ enabled }] = await db
        .select({ enabled: sql<number>`count(*)` })
        .from(downloadClients)
        .where(eq(downloadClients.enable, true));
      return enabled;
    },
  };
}
