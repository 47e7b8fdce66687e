import { z } from "zod";
import { regenerateApiKey } from "../services/apiKeys";
import { backupService, SCHEDULED_BACKUP_DAYS } from "../services/backups";
import { pruneSpentEventClaims } from "../services/healthEvents";
import { pruneLogs } from "../services/logs";
import { announceApplicationUpdate } from "../services/updates";
import type { CommandDefinition } from "./commands";

/**
 * The app's own upkeep: backups and housekeeping (the log store, spent event claims, the deploy
 * history), and Radarr's ResetApiKey.
 */
export const SYSTEM_COMMANDS: CommandDefinition<unknown>[] = [
  {
    name: "Backup",
    description: "Back up the library (D1 tables as JSON); scheduled runs make one a week",
    body: z.object({}),
    async run(ctx) {
      const backups = backupService(ctx.db);
      const type = ctx.trigger === "scheduled" ? "scheduled" : "manual";
      if (type === "scheduled" && !(await backups.scheduledDue())) {
        return { message: `Not due: the last scheduled backup is under ${SCHEDULED_BACKUP_DAYS} days old` };
      }
      const row = await backups.create(type);
      return { message: `Backed up to ${row.name} (${row.size} bytes)`, result: { backupId: row.id, size: row.size } };
    },
  },
  {
    // Radarr's command behind Settings › General › Reset API key: the same as Regenerate here. The
    // new key is in neither the message nor the result (both are stored and listed): Show has it.
    name: "ResetApiKey",
    description:
      "Make a new API key and retire the one in use, as Settings › General › Regenerate does: every client needs the new key and every site session ends",
    body: z.object({}),
    async run(ctx) {
      const { regeneratedAt } = await regenerateApiKey(ctx.db, ctx.env);
      ctx.logger.warn("API key reset: the previous key no longer works; every client needs the new one", {
        regeneratedAt,
      });
      return {
        message: "API key reset: the previous key no longer works; Settings › General › Show has the new one",
        result: { regeneratedAt },
      };
    },
  },
  {
    name: "Housekeeping",
    description:
      "Prune the log store to its newest records and the spent claims of events raised once; record the deployed version (notifying of an update)",
    body: z.object({}),
    async run(ctx) {
      const pruned = await pruneLogs(ctx.db);
      const claims = await pruneSpentEventClaims(ctx);
      await announceApplicationUpdate(ctx);
      return {
        message: `Pruned ${pruned} log records and ${claims} spent event claims`,
        result: { pruned, claims },
      };
    },
  },
];
