import type { Signal } from "@preact/signals";
import { useSignal } from "@preact/signals";
import { type AnalyzerState, errorMessage, type ReleaseGroupReputation } from "../api";
import { analysisApi } from "../api/analysis";
import { ErrorMessage } from "../components/ErrorMessage";
import { formatBytes, formatCount, formatDate, formatDateTime } from "../components/format";
import { SortButton } from "../components/MovieTable";
import { useResource } from "../components/useResource";
import { Link } from "../router";

type Column = keyof Pick<
  ReleaseGroupReputation,
  | "group"
  | "score"
  | "tier"
  | "releases"
  | "confidence"
  | "internalReleases"
  | "seeders"
  | "averageSize"
  | "newestUpload"
>;

const COLUMNS: { key: Column; label: string; numeric?: boolean }[] = [
  { key: "group", label: "Group" },
  { key: "score", label: "Score", numeric: true },
  { key: "tier", label: "Tier" },
  { key: "releases", label: "Releases", numeric: true },
  { key: "confidence", label: "Confidence", numeric: true },
  { key: "internalReleases", label: "Internal", numeric: true },
  { key: "seeders", label: "Seeders", numeric: true },
  { key: "averageSize", label: "Average size", numeric: true },
  { key: "newestUpload", label: "Newest" },
];

const cell = (g: ReleaseGroupReputation, key: Column) => {
  if (key === "confidence") return `${Math.round(g.confidence * 100)}%`;
  if (key === "averageSize") return formatBytes(g.averageSize);
  if (key === "newestUpload") return formatDate(g.newestUpload);
  if (key === "releases" || key === "seeders" || key === "internalReleases") return formatCount(g[key]);
  return String(g[key]);
};

function sorted(groups: ReleaseGroupReputation[], key: Column, descending: boolean) {
  const direction = descending ? -1 : 1;
  return [...groups].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    const order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
    return order * direction || a.group.localeCompare(b.group);
  });
}

/** Scene-group reputations from the HDBits analyzer: filters, sortable columns, exports and the collection. */
export function ReleaseGroups() {
  const groups = useResource((signal) => analysisApi.groups(signal), []);
  const minSample = useSignal(1);
  const quality = useSignal("");
  const search = useSignal("");
  const sort = useSignal<{ key: Column; descending: boolean }>({ key: "score", descending: true });

  const all = groups.data.value ?? [];
  const qualities = [...new Set(all.flatMap((g) => Object.keys(g.qualities)))].sort();
  const needle = search.value.trim().toUpperCase();
  const shown = sorted(
    all.filter(
      (g) =>
        g.releases >= minSample.value &&
        (!quality.value || (g.qualities[quality.value] ?? 0) > 0) &&
        (!needle || g.group.includes(needle)),
    ),
    sort.value.key,
    sort.value.descending,
  );
  const onSort = (key: Column) => {
    const same = sort.value.key === key;
    sort.value = { key, descending: same ? !sort.value.descending : key !== "group" && key !== "tier" };
  };

  return (
    <section class="page release-groups">
      <h1>Release groups</h1>
      <p class="hint">
        Reputations scored from the releases the HDBits analyzer collected (and those searches saw). Confidence grows
        with the sample: releases ÷ (releases + 10).
      </p>
      <Collection onChanged={() => groups.reload()} />
      <Filters minSample={minSample} quality={quality} search={search} qualities={qualities} />
      {groups.error.value ? <ErrorMessage error={groups.error.value} /> : null}
      {groups.loading.value && !groups.data.value ? <p class="muted">Loading…</p> : null}
      {groups.data.value && (
        <div class="table-scroll">
          <table class="plain" aria-label="Release groups">
            <thead>
              <tr>
                {COLUMNS.map((c) => (
                  <th
                    key={c.key}
                    scope="col"
                    aria-sort={
                      sort.value.key === c.key ? (sort.value.descending ? "descending" : "ascending") : undefined
                    }
                  >
                    <SortButton label={c.label} active={sort.value.key === c.key} onClick={() => onSort(c.key)} />
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((g) => (
                <tr key={g.group}>
                  {COLUMNS.map((c) => (
                    <td key={c.key} class={c.numeric ? "numeric" : undefined} data-label={c.label}>
                      {c.key === "group" ? (
                        <Link href={`/groups/${encodeURIComponent(g.group)}`}>{g.group}</Link>
                      ) : (
                        cell(g, c.key)
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {shown.length === 0 && <p class="muted">No group matches.</p>}
        </div>
      )}
    </section>
  );
}

/** The table's filters (minimum sample, quality, search) and the export links. */
function Filters(props: {
  minSample: Signal<number>;
  quality: Signal<string>;
  search: Signal<string>;
  qualities: string[];
}) {
  const { minSample, quality, search, qualities } = props;
  return (
    <form class="filters" aria-label="Filter groups" onSubmit={(e) => e.preventDefault()}>
      <label>
        Minimum releases
        <input
          type="number"
          min={1}
          value={minSample.value}
          onInput={(e) => {
            minSample.value = Math.max(1, Number(e.currentTarget.value) || 1);
          }}
        />
      </label>
      <label>
        Quality
        <select value={quality.value} onChange={(e) => (quality.value = e.currentTarget.value)}>
          <option value="">Any</option>
          {qualities.map((q) => (
            <option key={q} value={q}>
              {q}
            </option>
          ))}
        </select>
      </label>
      <label>
        Search
        <input type="search" value={search.value} onInput={(e) => (search.value = e.currentTarget.value)} />
      </label>
      <span class="actions">
        <a class="button ghost" href="/api/v3/analysis/groups.csv" download>
          Export CSV
        </a>
        <a class="button ghost" href="/api/v3/analysis/groups.json" download>
          Export JSON
        </a>
      </span>
    </form>
  );
}

const describe = (s: AnalyzerState) => {
  const c = s.collection;
  if (!c) return "No collection yet.";
  const reached = c.oldestReached ? `, back to ${formatDate(c.oldestReached)}` : "";
  const error = c.lastError ? ` Last error: ${c.lastError}` : "";
  return `${c.status}: ${formatCount(c.pages)} pages, ${formatCount(c.releases)} releases${reached} (collecting to ${formatDate(c.since)}; updated ${formatDateTime(c.updatedAt)}).${error}`;
};

/** The analyzer's collection: its state, and start, pause, resume and cancel. */
function Collection({ onChanged }: { onChanged: () => void }) {
  const state = useResource((signal) => analysisApi.collection(signal), [], { everyMs: 10_000 });
  const failure = useSignal("");
  const act = async (action: () => Promise<unknown>) => {
    failure.value = "";
    try {
      await action();
    } catch (error) {
      failure.value = errorMessage(error);
    }
    state.reload();
    onChanged();
  };
  const s = state.data.value;
  const status = s?.collection?.status;
  const active = status === "running" || status === "paused";
  return (
    <section class="analyzer-collection" aria-label="HDBits analyzer">
      <h2>HDBits analyzer</h2>
      <p>{s ? describe(s) : "Loading…"}</p>
      {s && (
        <p class="muted">
          One request every {s.intervalMs / 1000} s; a full {s.defaultDays}-day collection of about 450 pages takes
          about {Math.round((450 * s.intervalMs) / 60_000)} minutes.
        </p>
      )}
      <div class="actions">
        {!active && (
          <button type="button" class="primary" onClick={() => act(() => analysisApi.start({}))}>
            Start collection
          </button>
        )}
        {status === "running" && (
          <button type="button" onClick={() => act(analysisApi.pause)}>
            Pause
          </button>
        )}
        {status === "paused" && (
          <button type="button" onClick={() => act(analysisApi.resume)}>
            Resume
          </button>
        )}
        {active && (
          <button type="button" class="ghost" onClick={() => act(analysisApi.cancel)}>
            Cancel
          </button>
        )}
      </div>
      {failure.value && <p role="alert">{failure.value}</p>}
    </section>
  );
}
