/**
 * The scheduled tasks and their five-field cron expressions (minute hour day-of-month month
 * day-of-week, UTC) as Cloudflare's Cron Triggers read them. No imports, so Node scripts (npm
 * start's local cron firing, the unit test holding wrangler.toml to this table) share it.
 */

/**
 * What each Cron Trigger runs: the one table of schedules. wrangler.toml's [triggers] crons must
 * be exactly its expressions (test/unit/cron-schedule.test.ts); GET /api/v3/system/task lists it.
 */
export const SCHEDULED_TASKS = [
  { name: "Watchmode Id Map Refresh", command: "WatchmodeIdMapRefresh", cron: "0 */6 * * *" },
  { name: "Refresh Movie", command: "RefreshMovie", cron: "0 */6 * * *" },
  { name: "Streaming Availability Check", command: "StreamingAvailabilityCheck", cron: "0 */6 * * *" },
  { name: "Check Health", command: "CheckHealth", cron: "*/15 * * * *" },
  { name: "Rss Sync", command: "RssSync", cron: "*/15 * * * *" },
  { name: "Import List Sync", command: "ImportListSync", cron: "*/5 * * * *" },
  { name: "Refresh Monitored Downloads", command: "RefreshMonitoredDownloads", cron: "*/5 * * * *" },
  { name: "Expire Blocklist", command: "ExpireBlocklist", cron: "*/15 * * * *" },
  // Hourly: the combined trending lives an hour, so readers always find it fresh (issue #12).
  { name: "Refresh Trending And Coming Soon", command: "RefreshDiscoveryCaches", cron: "0 * * * *" },
  // Both run every 6 hours (no further Cron Trigger: Cloudflare allows few); Backup makes its
  // scheduled backup once a week (src/services/backups.ts).
  { name: "Housekeeping", command: "Housekeeping", cron: "0 */6 * * *" },
  { name: "Backup", command: "Backup", cron: "0 */6 * * *" },
  // Radarr's is daily; it rides the 6-hourly trigger (no further Cron Trigger) and re-reads from
  // TMDb only collections not read for 15 days, so the extra runs mostly add monitored ones' movies.
  { name: "Refresh Collections", command: "RefreshCollections", cron: "0 */6 * * *" },
] as const;

function fieldMatches(field: string, value: number, min: number): boolean {
  return field.split(",").some((part) => {
    const [range, stepText] = part.split("/");
    const step = stepText ? Number(stepText) : 1;
    const bounds = range === "*" ? [min, Number.POSITIVE_INFINITY] : range.split("-").map(Number);
    const from = bounds[0];
    const to = bounds.length > 1 ? bounds[1] : stepText ? Number.POSITIVE_INFINITY : from;
    return value >= from && value <= to && (value - from) % step === 0;
  });
}

export function cronMatches(expression: string, date: Date): boolean {
  const [minute, hour, day, month, weekday] = expression.trim().split(/\s+/);
  return (
    fieldMatches(minute, date.getUTCMinutes(), 0) &&
    fieldMatches(hour, date.getUTCHours(), 0) &&
    fieldMatches(day, date.getUTCDate(), 1) &&
    fieldMatches(month, date.getUTCMonth() + 1, 1) &&
    fieldMatches(weekday, date.getUTCDay(), 0)
  );
}

const MINUTE_MS = 60_000;
// Far enough for any schedule this app declares (the longest is weekly).
const SEARCH_MINUTES = 8 * 24 * 60;

/** The next minute after `from` at which the expression fires, or null within eight days. */
export function nextCronRun(expression: string, from: Date): Date | null {
  let t = Math.floor(from.getTime() / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
  for (let i = 0; i < SEARCH_MINUTES; i++, t += MINUTE_MS) {
    const candidate = new Date(t);
    if (cronMatches(expression, candidate)) return candidate;
  }
  return null;
}

/** Minutes between two consecutive runs (Radarr's task `interval`). */
export function cronIntervalMinutes(expression: string, from = new Date(0)): number {
  const first = nextCronRun(expression, from);
  const second = first && nextCronRun(expression, first);
  return first && second ? Math.round((second.getTime() - first.getTime()) / MINUTE_MS) : 0;
}
