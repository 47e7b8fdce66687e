import { createApp } from "./app";
import type { Env } from "./config";
import { consumeListSyncBatch, consumeListSyncDeadLetters, type ListSyncMessage } from "./jobs/listSyncQueue";
import { runScheduled } from "./jobs/scheduled";

export { ApiBudget } from "../durable-objects/ApiBudget";
export { ListSync } from "../durable-objects/ListSync";
export { TraktAuth } from "../durable-objects/TraktAuth";

const app = createApp();
const DEAD_LETTER_QUEUE = "radarr-edge-list-sync-dlq";

export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(runScheduled(controller.cron, env));
  },
  async queue(batch, env, _ctx) {
    if (batch.queue === DEAD_LETTER_QUEUE) await consumeListSyncDeadLetters(batch, env);
    else await consumeListSyncBatch(batch, env);
  },
} satisfies ExportedHandler<Env, ListSyncMessage>;
