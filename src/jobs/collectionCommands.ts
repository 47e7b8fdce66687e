import { z } from "zod";
import { Collections } from "../services/collections";
import { type CommandContext, walkIds } from "./commandChunks";
import type { CommandDefinition } from "./commands";

/** The commands on TMDb collections. */

const define = <Body>(definition: CommandDefinition<Body>) => definition as CommandDefinition<unknown>;

/** Starts one search for the added movies that asked for it (the collection's searchOnAdd). */
async function searchAdded(ctx: CommandContext, added: { id: number; searchForMovie: boolean }[]) {
  const movieIds = added.filter((m) => m.searchForMovie).map((m) => m.id);
  if (movieIds.length === 0) return;
  // commandRunner imports the command table, so it is loaded when first needed.
  const { enqueueCommand } = await import("./commandRunner");
  await enqueueCommand(ctx.env, ctx.db, "MoviesSearch", { movieIds }, ctx.trigger);
}

export const COLLECTION_COMMANDS = [
  define({
    name: "RefreshCollections",
    description:
      "Read collections again from TMDb (the given ones, or every one: by hand all, scheduled those not read for 15 days) and add monitored collections' missing movies",
    body: z.object({ collectionIds: z.array(z.number().int().positive()).max(1000).optional() }),
    run(ctx, { collectionIds }) {
      // Asked for by id, the collections are read for the person who asked (interactive budget).
      const collections = new Collections(collectionIds?.length ? { ...ctx, work: "interactive" } : ctx);
      const reread = Boolean(collectionIds?.length) || ctx.trigger === "manual";
      return walkIds(ctx, {
        select: () => collections.idsToRefresh(collectionIds),
        each: async (id) => {
          const outcome = await collections.refresh(id, reread);
          if (!outcome) return {};
          await searchAdded(ctx, outcome.added);
          const item = { collectionId: id, title: outcome.title, reread: outcome.reread, added: outcome.added.length };
          return { item, tally: [...(outcome.reread ? ["reread"] : []), ...outcome.added.map(() => "added")] };
        },
        noun: "collection",
        progress: (done, total) => `Refreshed ${done} of ${total} collections`,
        finish: ({ ids, failed, failures, items, tally }) => {
          if (failed && failed === ids.length) throw new Error(failures[0]);
          const added = tally.added ?? 0;
          return {
            message: `Refreshed ${ids.length - failed} of ${ids.length} collections (${tally.reread ?? 0} read from TMDb), added ${added} movies`,
            result: {
              refreshed: ids.length - failed,
              reread: tally.reread ?? 0,
              added,
              failed,
              failures,
              collections: items,
            },
          };
        },
      });
    },
  }),
];
