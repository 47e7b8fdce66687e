import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { api, type HealthCheck, type SystemStatus } from "../api";
import { ErrorMessage } from "../components/ErrorMessage";
import { formatDateTime, inWords } from "../components/format";
import { SessionList } from "../components/SessionList";
import { BudgetChart, CacheChart } from "../components/UsageCharts";

/** System: what is running (status), what needs attention (health checks), upstream budgets and caches. */
export function System() {
  const status = useSignal<SystemStatus | undefined>(undefined);
  const health = useSignal<HealthCheck[] | undefined>(undefined);
  const error = useSignal<unknown>(undefined);
  const checking = useSignal(false);

  const refreshHealth = async () => {
    checking.value = true;
    try {
      health.value = await api.system.health();
    } catch (e) {
      error.value = e;
    } finally {
      checking.value = false;
    }
  };

  useEffect(() => {
    api.system.status().then(
      (s) => {
        status.value = s;
      },
      (e) => {
        error.value = e;
      },
    );
    void refreshHealth();
  }, []);

  const s = status.value;
  return (
    <section class="page system">
      <h1>System</h1>
      <ErrorMessage error={error.value} />
      <section aria-labelledby="health-heading" class="settings-section">
        <div class="section-head">
          <h2 id="health-heading">Health</h2>
          <button type="button" class="ghost" disabled={checking.value} onClick={refreshHealth}>
            {checking.value ? "Checking…" : "Check again"}
          </button>
        </div>
        {health.value?.length === 0 && <p class="health-ok">No issues: everything is working.</p>}
        {health.value && health.value.length > 0 && (
          <ul class="health">
            {health.value.map((h) => (
              <li key={`${h.source}:${h.message}`} class={`health-${h.type}`}>
                <span class={`badge ${h.type}`}>{h.type}</span>
                <span>{h.message}</span>
                <span class="muted">{inWords(h.source)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <BudgetChart />
      <CacheChart />
      <SessionList />
      <section aria-labelledby="status-heading" class="settings-section">
        <h2 id="status-heading">Status</h2>
        {s ? (
          <dl class="facts">
            {(
              [
                ["Application", s.appName],
                ["Version", s.version],
                ["Runtime", s.runtimeName],
                ["Runtime version", s.runtimeVersion],
                ["Database", `${s.databaseType} (${s.migrationVersion} migrations applied)`],
                ["Authentication", s.authentication],
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
          !error.value && <p class="muted">Loading…</p>
        )}
      </section>
    </section>
  );
}
