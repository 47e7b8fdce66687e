import { api, type HealthCheck } from "../api";
import { CommandList } from "../components/CommandList";
import { ErrorMessage } from "../components/ErrorMessage";
import { formatDateTime, inWords } from "../components/format";
import { SessionList } from "../components/SessionList";
import { SystemNav } from "../components/SystemNav";
import { BudgetChart, CacheChart } from "../components/UsageCharts";
import { useResource } from "../components/useResource";
import { Link } from "../router";

/** Where each place a health check points to is, in words. */
const FIX_PLACES: Record<string, string> = {
  "/settings": "Settings: root folders",
  "/settings/indexers": "Settings: indexers",
  "/settings/downloadclients": "Settings: download clients",
  "/activity/failures": "Activity: failures",
  "/lists": "Lists",
};

/** The link to what to do about a health issue: the settings page that fixes it, or its docs. */
function HealthFix({ check }: { check: HealthCheck }) {
  const place = FIX_PLACES[check.wikiUrl];
  const label = `Fix ${inWords(check.source).toLowerCase()}${place ? ` in ${place}` : ""}`;
  return check.wikiUrl.startsWith("/") ? (
    <Link href={check.wikiUrl} class="health-fix" aria-label={label}>
      {place ? `Go to ${place}` : "What to do"}
    </Link>
  ) : (
    <a href={check.wikiUrl} class="health-fix" aria-label={label} rel="noreferrer">
      What to do
    </a>
  );
}

/** System: what is running (status), what needs attention (health checks), upstream budgets and caches. */
export function System() {
  const status = useResource(() => api.system.status(), []);
  const health = useResource(() => api.system.health(), []);
  const error = status.error.value ?? health.error.value;
  const checking = health.loading.value;

  const s = status.data.value;
  const checks = health.data.value;
  return (
    <section class="page system">
      <h1>System</h1>
      <SystemNav />
      <ErrorMessage error={error} />
      <section aria-labelledby="health-heading" class="settings-section">
        <div class="section-head">
          <h2 id="health-heading">Health</h2>
          <button type="button" class="ghost" disabled={checking} onClick={health.reload}>
            {checking ? "Checking…" : "Check again"}
          </button>
        </div>
        {checks?.length === 0 && <p class="health-ok">No issues: everything is working.</p>}
        {checks && checks.length > 0 && (
          <ul class="health">
            {checks.map((h) => (
              <li key={`${h.source}:${h.message}`} class={`health-${h.type}`}>
                <span class={`badge ${h.type}`}>{h.type}</span>
                <span>{h.message}</span>
                <span class="muted">{inWords(h.source)}</span>
                {h.wikiUrl && <HealthFix check={h} />}
              </li>
            ))}
          </ul>
        )}
      </section>
      <CommandList />
      <BudgetChart />
      <CacheChart />
      <SessionList />
      <section aria-labelledby="status-heading" class="settings-section">
        <h2 id="status-heading">Status</h2>
        {s ? (
          <dl class="facts">
            {(
              [
                ["Application", s.application],
                ["Version", s.appVersion],
                ["Radarr API version", s.version],
                ["Runtime", s.runtimeName],
                ["Runtime version", s.runtimeVersion],
                ["Database", `${s.databaseEngine} (${s.migrationVersion} migrations applied)`],
                ["Authentication", s.authenticationMethod === "password" ? "Password" : "API key"],
                ["Branch", s.branch],
                ["Built", formatDateTime(s.buildTime)],
                ["Started", formatDateTime(s.startTime)],
                ["Demo data", s.demoMode ? "Yes: upstreams are the built-in simulator" : "No"],
              ] as const
            ).map(([term, value]) => (
              <div key={term}>
                <dt>{term}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        ) : (
          !error && <p class="muted">Loading…</p>
        )}
      </section>
    </section>
  );
}
