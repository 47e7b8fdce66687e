import { z } from "zod";
import { ANALYZER_COMMAND, collectChunk, collectionProgress, currentCollection } from "../services/hdbitsAnalyzer";
import type { CommandDefinition } from "./commands";

/**
 * The HDBits analyzer's collection as a command (docs/hdbits-analyzer.md): started, paused,
 * resumed and cancelled from /api/v3/analysis/collection; each chunk fetches the pages its time
 * allows at the analyzer's pace, and a longer wait (the 10 s interval, a 429's back-off) is the
 * delay of the next chunk's queue message. Its progress is the command list's.
 */
export const ANALYZER_COMMANDS: CommandDefinition<unknown>[] = [
  {
    name: ANALYZER_COMMAND,
    description: "Collect HDBits' movie browse list back to a date and score the release groups (the HDBits analyzer)",
    body: z.object({ indexerId: z.number().int().positive() }),
    async run(ctx, body) {
      const { indexerId } = body as { indexerId: number };
      const collection = await currentCollection(ctx.db, indexerId);
      if (!collection) throw new Error("Start the collection from /api/v3/analysis/collection");
      // One command runs a collection at a time: no page is fetched by two.
      if (collection.commandId !== ctx.commandId) {
        return { message: `Collection for indexer ${indexerId} is run by command ${collection.commandId}` };
      }
      const step = await collectChunk(ctx, indexerId);
      const progress = collectionProgress("done" in step ? step.done.row : step.next.row);
      if ("next" in step) {
        const { delaySeconds } = step.next;
        return { next: { cursor: { indexerId }, ...progress, ...(delaySeconds ? { delaySeconds } : {}) } };
      }
      const { row, groups } = step.done;
      if (row.status === "failed") throw new Error(`HDBits analyzer stopped at page ${row.nextPage}: ${row.lastError}`);
      const verbs: Record<string, string> = {
        completed: "Collected",
        paused: "Paused after",
        cancelled: "Cancelled after",
      };
      const verb = verbs[row.status] ?? "Stopped";
      return {
        message: `${verb} ${row.pages} pages, ${row.releases} releases${row.oldestReached ? ` back to ${row.oldestReached.slice(0, 10)}` : ""}`,
        result: {
          status: row.status,
          pages: row.pages,
          releases: row.releases,
          oldestReached: row.oldestReached,
          groups,
        },
        progress: { done: progress.done, total: progress.total },
      };
    },
  },
];
