import { api } from "../api";
import { ErrorMessage } from "./ErrorMessage";
import { formatCount, formatDateTime } from "./format";
import { useResource } from "./useResource";

const SERVICE_LABELS: Record<string, string> = { watchmode: "Watchmode", trakt: "Trakt", tmdb: "TMDb" };
const WINDOW_LABELS: Record<string, string> = {
  second: "Per second",
  fiveMinutes: "Per 5 minutes",
  day: "Per day",
  month: "Per month",
};

const serviceLabel = (service: string) => SERVICE_LABELS[service] ?? service;
const percent = (part: number, whole: number) => (whole > 0 ? Math.min(100, (part / whole) * 100) : 0);

/** One horizontal bar: `used` of `limit`, warning from 80 %, full at the limit. */
function UsageBar({ label, used, limit, note }: { label: string; used: number; limit: number; note?: string }) {
  const share = percent(used, limit);
  const level = used >= limit ? "full" : share >= 80 ? "high" : "";
  return (
    <div class="bar-row">
      <span class="bar-label">{label}</span>
      <svg
        class={`bar ${level}`}
        viewBox="0 0 100 10"
        preserveAspectRatio="none"
        role="img"
        aria-label={`${label}: ${formatCount(used)} of ${formatCount(limit)} calls`}
      >
        <rect class="bar-track" x="0" y="0" width="100" height="10" />
        <rect class="bar-fill" x="0" y="0" width={share} height="10" />
      </svg>
      <span class="bar-value">
        {formatCount(used)} / {formatCount(limit)}
      </span>
      {note && <span class="bar-note muted">{note}</span>}
    </div>
  );
}

/** Each rationed upstream: used against every hard window, the soft daily target, and a pause. */
export function BudgetChart() {
  const { data: budgets, error, reload: refresh } = useResource(() => api.system.budget(), []);

  return (
    <section aria-labelledby="budget-heading" class="settings-section">
      <div class="section-head">
        <h2 id="budget-heading">API budgets</h2>
        <button type="button" class="ghost" onClick={refresh}>
          Refresh
        </button>
      </div>
      <p class="hint">Calls to each rationed upstream in the current window; calls beyond a limit are refused.</p>
      <ErrorMessage error={error.value} />
      {!budgets.value && !error.value && <p class="muted">Loading…</p>}
      <div class="usage-charts">
        {budgets.value?.map((b) => (
          <article key={b.service} class="usage-chart" aria-label={`${serviceLabel(b.service)} budget`}>
            <h3>
              {serviceLabel(b.service)}{" "}
              {b.pausedUntil && <span class="badge warn">Paused until {formatDateTime(b.pausedUntil)}</span>}
            </h3>
            {b.windows.map((w) => (
              <UsageBar
                key={w.name}
                label={WINDOW_LABELS[w.name] ?? w.name}
                used={w.used}
                limit={w.limit}
                note={`resets ${formatDateTime(w.resetsAt)}`}
              />
            ))}
            {b.softTarget && (
              <UsageBar
                label="Today (soft target)"
                used={b.softTarget.usedToday}
                limit={b.softTarget.perDay}
                note={b.softTarget.over ? "over the target: still allowed" : "aim, never refused"}
              />
            )}
          </article>
        ))}
      </div>
    </section>
  );
}

function formatRate(rate: number): string {
  const share = rate <= 1 ? rate * 100 : rate;
  return `${share.toFixed(1)} %`;
}

/** Hits, stale serves and misses of each upstream cache in this isolate, as one stacked bar each. */
export function CacheChart() {
  const { data, error, reload: refresh } = useResource(() => api.system.cache(), []);
  const caches = data.value?.caches;
  const since = data.value?.since;

  return (
    <section aria-labelledby="cache-heading" class="settings-section">
      <div class="section-head">
        <h2 id="cache-heading">Caches</h2>
        <button type="button" class="ghost" onClick={refresh}>
          Refresh
        </button>
      </div>
      <p class="hint">
        Lookups answered from the KV cache (hits), from an expired copy while it refreshes (stale) and from the upstream
        (misses), counted by this Worker instance since {since ? formatDateTime(since) : "it started"}. The hit rate
        counts stale answers too: neither waited for the upstream.
      </p>
      <ErrorMessage error={error.value} />
      {caches?.length === 0 && <p class="muted">No cache lookups yet.</p>}
      {caches && caches.length > 0 && (
        <>
          <p class="legend" aria-hidden="true">
            <span class="swatch hits" /> hits <span class="swatch stale" /> stale <span class="swatch misses" /> misses
          </p>
          <ul class="cache-bars">
            {caches.map((c) => {
              const total = c.hits + c.misses + c.stale;
              const hits = percent(c.hits, total);
              const stale = percent(c.stale, total);
              return (
                <li key={c.name} aria-label={`${c.name} cache`}>
                  <span class="bar-label">
                    <code>{c.name}</code>
                  </span>
                  <svg
                    class="bar"
                    viewBox="0 0 100 10"
                    preserveAspectRatio="none"
                    role="img"
                    aria-label={`${formatCount(c.hits)} hits, ${formatCount(c.stale)} stale, ${formatCount(c.misses)} misses`}
                  >
                    <rect class="bar-track" x="0" y="0" width="100" height="10" />
                    <rect class="bar-fill hits" x="0" y="0" width={hits} height="10" />
                    <rect class="bar-fill stale" x={hits} y="0" width={stale} height="10" />
                    <rect class="bar-fill misses" x={hits + stale} y="0" width={percent(c.misses, total)} height="10" />
                  </svg>
                  <span class="bar-value">
                    {formatCount(c.hits)} hits · {formatCount(c.stale)} stale · {formatCount(c.misses)} misses
                  </span>
                  <span class="bar-note">hit rate {formatRate(c.hitRate)}</span>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
