import { localLibrary } from "./api/migration";
import { createApp } from "./app";
import { configureClock } from "./clock";
import type { Env } from "./config";
import { type CommandMessage, consumeCommandBatch, consumeCommandDeadLetters } from "./jobs/commandRunner";
import { consumeDownloadBatch, consumeDownloadDeadLetters } from "./jobs/downloadJobs";
import { consumeListSyncBatch, consumeListSyncDeadLetters, type ListSyncMessage } from "./jobs/listSyncQueue";
import { consumeNotificationBatch, consumeNotificationDeadLetters } from "./jobs/notificationQueue";
import { runScheduled } from "./jobs/scheduled";
import { meteredBindings } from "./observability/meteredBindings";
import { flushMetrics } from "./observability/metricsAggregate";
import type { DownloadJobMessage } from "./services/downloads/jobQueue";
import { flushLogs } from "./services/logs";
import type { NotificationDeliveryMessage } from "./services/notifications";

export { ApiBudget } from "../durable-objects/ApiBudget";
export { ListSync } from "../durable-objects/ListSync";
export { Metrics } from "../durable-objects/Metrics";
export { TraktAuth } from "../durable-objects/TraktAuth";
export { UpstreamBreaker } from "../durable-objects/UpstreamBreaker";

const app = createApp();

/** After a cron run or queue batch: its metric deltas to the Metrics object, its log records to the log store. */
const flushAll = (env: Env) => Promise.all([flushMetrics(env), flushLogs(env)]);

/** Queue consumers by queue name (wrangler.toml). */
const QUEUES = {
  "radarr-edge-list-sync": (batch, env) => consumeListSyncBatch(batch as MessageBatch<ListSyncMessage>, env),
  "radarr-edge-list-sync-dlq": (batch, env) => consumeListSyncDeadLetters(batch as MessageBatch<ListSyncMessage>, env),
  "radarr-edge-downloads": (batch, env) => consumeDownloadBatch(batch as MessageBatch<DownloadJobMessage>, env),
  "radarr-edge-downloads-dlq": (batch, env) =>
    consumeDownloadDeadLetters(batch as MessageBatch<DownloadJobMessage>, env),
  // A Radarr migration writes through this app's routes in-process: the handler owning the app passes them in.
  "radarr-edge-commands": (batch, env, ctx) =>
    consumeCommandBatch(batch as MessageBatch<CommandMessage>, env, localLibrary(env, ctx)),
  "radarr-edge-commands-dlq": (batch, env) => consumeCommandDeadLetters(batch as MessageBatch<CommandMessage>, env),
  "radarr-edge-notifications": (batch, env) =>
    consumeNotificationBatch(batch as MessageBatch<NotificationDeliveryMessage>, env),
  "radarr-edge-notifications-dlq": (batch, env) =>
    consumeNotificationDeadLetters(batch as MessageBatch<NotificationDeliveryMessage>, env),
} satisfies Record<string, (batch: MessageBatch<unknown>, env: Env, ctx: ExecutionContext) => Promise<void>>;

export default {
  fetch(request: Request, env: Env, ctx: ExecutionContext) {
    configureClock(env.SIM_NOW, env.SIM_CLOCK_START);
    return app.fetch(request, meteredBindings(env), ctx);
  },
  async scheduled(controller, bindings, ctx) {
    const env = meteredBindings(bindings);
    configureClock(env.SIM_NOW, env.SIM_CLOCK_START);
    // Only queues the cron's commands (a few D1 writes): the work runs on the commands queue.
    await runScheduled(controller.cron, env).finally(() => ctx.waitUntil(flushAll(env)));
  },
  async queue(batch, bindings, ctx) {
    const env = meteredBindings(bindings);
    configureClock(env.SIM_NOW, env.SIM_CLOCK_START);
    const consume = QUEUES[batch.queue as keyof typeof QUEUES];
    if (!consume) throw new Error(`No consumer for queue ${batch.queue}`);
    await consume(batch, env, ctx).finally(() => ctx.waitUntil(flushAll(env)));
  },
} satisfies ExportedHandler<Env, ListSyncMessage | DownloadJobMessage | CommandMessage | NotificationDeliveryMessage>;
