import { z } from "zod";
import { backupService, SCHEDULED_BACKUP_DAYS } from "../services/backups";
import { pruneSpentEventClaims } from "../services/healthEvents";
import { pruneLogs } from "../services/logs";
import { announceApplicationUpdate } from "../services/updates";
import type { CommandDefinition } from "./commands";

/** The app's own upkeep: backups and housekeeping (the log store, spent event claims, the deploy history). */
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
