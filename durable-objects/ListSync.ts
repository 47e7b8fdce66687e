import { DurableObject } from "cloudflare:workers";
import * as clock from "../src/clock";
import type { Env } from "../src/config";
import type { FailureKind } from "../src/domain/failures/kinds";
import type { ListItem } from "../src/domain/lists/source";
import { enqueueCommand } from "../src/jobs/commandRunner";
import { type Logger, rootLogger } from "../src/observability/logger";
import { meteredBindings } from "../src/observability/meteredBindings";
import { jobContext, type ServiceContext } from "../src/services/context";
import type { SyncOutcome } from "../src/services/listSync/outcome";
import { failureKindOf, syncImportList } from "../src/services/listSync/sync";

export type ListSyncResult =
  | { ok: true; outcome: SyncOutcome; joined: boolean }
  | {
      ok: false;
      kind: FailureKind;
      message: string;
      retryAfterSeconds?: number;
      /** No retry can succeed (failureKindOf): the job fails at once. */
      final?: true;
      joined: boolean;
    };

/**
 * One instance per import list (named by its id): serialises that list's syncs. A trigger that
 * arrives while a sync runs joins it and gets the same result instead of starting a second one.
 * The last result is kept in the object's storage.
 */
export class ListSync extends DurableObject<Env> {
  private running: Promise<ListSyncResult> | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, meteredBindings(env));
    clock.configureClock(env.SIM_NOW, env.SIM_CLOCK_START);
  }

  /** `force` reads every page even when the list's summary says it has not changed. */
  async sync(listId: number, trigger: "scheduled" | "manual" | "retry", force = false): Promise<ListSyncResult> {
    if (this.running) return { ...(await this.running), joined: true };
    this.running = this.run(listId, trigger, undefined, force).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** A sync from items the caller read (an uploaded CSV): waits for a running sync, then runs. */
  async syncItems(listId: number, items: ListItem[]): Promise<ListSyncResult> {
    while (this.running) await this.running;
    this.running = this.run(listId, "manual", items).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** The last finished sync's result and whether one is running now. */
  async state(): Promise<{ running: boolean; last: ListSyncResult | undefined }> {
    return { running: this.running !== null, last: await this.ctx.storage.get<ListSyncResult>("last") };
  }

  private async run(
    listId: number,
    trigger: "scheduled" | "manual" | "retry",
    items?: ListItem[],
    force = false,
  ): Promise<ListSyncResult> {
    const logger = rootLogger.child({ listId, trigger, component: "ListSync" });
    let result: ListSyncResult;
    try {
      const ctx = jobContext(this.env, logger);
      const { searchMovieIds, ...outcome } = await syncImportList(ctx, listId, trigger, items, force);
      await this.searchAdded(ctx, searchMovieIds ?? [], trigger, logger);
      result = { ok: true, outcome, joined: false };
    } catch (error) {
      const { kind, retryAfterSeconds, final } = failureKindOf(error);
      logger.warn("list sync failed", { kind, error: (error as Error).message });
      result = { ok: false, kind, message: (error as Error).message, retryAfterSeconds, final, joined: false };
    }
    await this.ctx.storage.put("last", result);
    return result;
  }

  /**
   * The list's searchOnAdd: one MoviesSearch for the movies the sync added (the commands queue
   * runs it in chunks), through the entry point addOptions.searchForMovie uses. A list adding more
   * than a command takes gets one command per MOVIES_PER_SEARCH movies. A search that cannot start
   * is logged; the sync itself succeeded.
   */
  private async searchAdded(ctx: ServiceContext, movieIds: number[], trigger: string, logger: Logger) {
    for (let i = 0; i < movieIds.length; i += MOVIES_PER_SEARCH) {
      const part = movieIds.slice(i, i + MOVIES_PER_SEARCH);
      try {
        await enqueueCommand(
          this.env,
          ctx.db,
          "MoviesSearch",
          { movieIds: part },
          trigger === "manual" ? "manual" : "scheduled",
        );
      } catch (error) {
        logger.warn("could not start the search for the movies the list added", {
          movies: part.length,
          error: (error as Error).message,
        });
      }
    }
  }
}

// The most movies a MoviesSearch command takes (its body's limit, src/jobs/commands.ts).
const MOVIES_PER_SEARCH = 1000;
