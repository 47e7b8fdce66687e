/** Minimal five-field cron matching (minute hour day-of-month month day-of-week), UTC. */
function fieldMatches(field, value, min) {
  return field.split(",").some((part) => {
    const [range, stepText] = part.split("/");
    const step = stepText ? Number(stepText) : 1;
    let [from, to] = range === "*" ? [min, Number.POSITIVE_INFINITY] : range.split("-").map(Number);
    if (to === undefined) to = stepText ? Number.POSITIVE_INFINITY : from;
    return value >= from && value <= to && (value - from) % step === 0;
  });
}

export function cronMatches(expression, date) {
  const [minute, hour, day, month, weekday] = expression.trim().split(/\s+/);
  return (
    fieldMatches(minute, date.getUTCMinutes(), 0) &&
    fieldMatches(hour, date.getUTCHours(), 0) &&
    fieldMatches(day, date.getUTCDate(), 1) &&
    fieldMatches(month, date.getUTCMonth() + 1, 1) &&
    fieldMatches(weekday, date.getUTCDay(), 0)
  );
}

/** The cron expressions declared in wrangler.toml's [triggers]. */
export function cronsFromWranglerToml(text) {
  const match = text.match(/^\s*crons\s*=\s*\[([^\]]*)\]/m);
  return match ? [...match[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]) : [];
}
