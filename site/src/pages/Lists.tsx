import { type Signal, useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { api, type ImportList, type ListSyncLevel, type ListSyncRun } from "../api";
import { ErrorMessage } from "../components/ErrorMessage";
import { formatCount, formatDateTime, formatInterval } from "../components/format";
import { ListEditor } from "../components/ListEditor";
import { SYNC_RUN_BADGES, SYNC_RUN_LABELS } from "../components/ListSyncActivity";
import { ListSyncButton } from "../components/ListSyncButton";
import { Link } from "../router";
import { listSyncsFinished } from "../state/listSync";

/** The groups the list schema sorts sources into (`listType`). */
const LIST_TYPE_LABELS: Record<string, string> = {
  tmdb: "TMDb",
  trakt: "Trakt",
  plex: "Plex",
  other: "IMDb",
  advanced: "Advanced",
};

/** Import lists: every list with its last sync, adding a list from a source, and the clean-library level. */
export function Lists() {
  const error = useSignal<unknown>(undefined);
  const { lists, lastRuns, refresh } = useListOverview(error);
  const templates = useSignal<ImportList[] | undefined>(undefined);
  const choosing = useSignal(false);
  const adding = useSignal<ImportList | undefined>(undefined);
  const added = useSignal<string | undefined>(undefined);

  const choose = async () => {
    error.value = undefined;
    added.value = undefined;
    choosing.value = true;
    if (!templates.value) {
      try {
        templates.value = await api.importLists.schema();
      } catch (e) {
        error.value = e;
      }
    }
  };

  return (
    <section class="page lists">
      <h1>Import lists</h1>
      <p class="hint">
        Lists add movies to the library on a schedule: IMDb, TMDb, Trakt and Plex lists, each synced on its own
        interval.
      </p>
      <ErrorMessage error={error.value} />
      {adding.value ? (
        <ListEditor
          key={adding.value.implementation}
          initial={adding.value}
          onSaved={(list) => {
            adding.value = undefined;
            added.value = `Added list ${list.name}`;
            void refresh();
          }}
          onCancel={() => {
            adding.value = undefined;
          }}
        />
      ) : choosing.value ? (
        <SourceChooser
          templates={templates.value}
          onChoose={(template) => {
            choosing.value = false;
            adding.value = { ...template, fields: template.fields.map((f) => ({ ...f })) };
          }}
          onCancel={() => {
            choosing.value = false;
          }}
        />
      ) : (
        <>
          <ListTable lists={lists.value} lastRuns={lastRuns.value} />
          <div class="actions">
            <button type="button" class="primary" onClick={choose}>
              Add list
            </button>
            {added.value && (
              <span role="status" class="saved">
                {added.value}
              </span>
            )}
          </div>
        </>
      )}
      <CleanLibraryLevel />
    </section>
  );
}

/** "Success: 4 found, 4 added" for a list's latest sync. */
/** Every list with its latest sync, reloaded whenever a sync finishes; failures go to `error`. */
function useListOverview(error: Signal<unknown>) {
  const lists = useSignal<ImportList[] | undefined>(undefined);
  /** Each list's latest sync, by list id. */
  const lastRuns = useSignal<ReadonlyMap<number, ListSyncRun>>(new Map());

  const refresh = async () => {
    try {
      const all = await api.importLists.list();
      const runs = await Promise.all(all.map((l) => api.importLists.history(l.id as number, 1)));
      const latest = new Map<number, ListSyncRun>();
      for (const [i, list] of all.entries()) if (runs[i][0]) latest.set(list.id as number, runs[i][0]);
      lists.value = all;
      lastRuns.value = latest;
    } catch (e) {
      error.value = e;
    }
  };

  useEffect(() => {
    void refresh();
  }, [listSyncsFinished.value]);
  return { lists, lastRuns, refresh };
}

function runSummary(run: ListSyncRun | undefined) {
  if (!run) return <span class="muted">Never synced</span>;
  return (
    <>
      <span class={`badge ${SYNC_RUN_BADGES[run.status]}`}>{SYNC_RUN_LABELS[run.status]}</span>{" "}
      {run.status === "failed"
        ? (run.errors[0]?.message ?? "")
        : `${formatCount(run.found)} found, ${formatCount(run.added)} added${run.removed ? `, ${formatCount(run.removed)} removed` : ""}`}
    </>
  );
}

function ListTable({
  lists,
  lastRuns,
}: {
  lists: ImportList[] | undefined;
  lastRuns: ReadonlyMap<number, ListSyncRun>;
}) {
  if (lists === undefined) return <p class="muted">Loading…</p>;
  if (lists.length === 0) return <p class="muted">No import lists yet.</p>;
  return (
    <table class="plain" aria-label="Import lists">
      <thead>
        <tr>
          <th>Name</th>
          <th>Type</th>
          <th>Enabled</th>
          <th>Interval</th>
          <th>Last sync</th>
          <th>Next sync</th>
          <th>Last result</th>
          <th>
            <span class="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {lists.map((list) => {
          const id = list.id as number;
          return (
            <tr key={id}>
              <td>
                <Link href={`/lists/${id}`}>{list.name}</Link>
              </td>
              <td>{list.implementationName}</td>
              <td>{list.enabled ? (list.enableAuto ? "Yes" : "Yes (manual sync only)") : "No"}</td>
              <td>{formatInterval(list.syncIntervalMinutes)}</td>
              <td>{formatDateTime(list.lastSyncAt)}</td>
              <td>{list.enabled && list.enableAuto ? formatDateTime(list.nextSyncAt) : "—"}</td>
              <td class="qualities">{runSummary(lastRuns.get(id))}</td>
              <td class="row-actions">
                <ListSyncButton listId={id} listName={list.name} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

interface ChooserProps {
  templates: ImportList[] | undefined;
  onChoose: (template: ImportList) => void;
  onCancel: () => void;
}

/** The list sources the server offers, grouped as its schema groups them (TMDb, Trakt, Plex, IMDb…). */
function SourceChooser({ templates, onChoose, onCancel }: ChooserProps) {
  const groups = new Map<string, ImportList[]>();
  for (const t of templates ?? []) groups.set(t.listType, [...(groups.get(t.listType) ?? []), t]);
  return (
    <section aria-labelledby="sources-heading" class="source-chooser">
      <h2 id="sources-heading">Choose a list source</h2>
      {templates === undefined && <p class="muted">Loading…</p>}
      {templates?.length === 0 && <p class="muted">The server offers no list sources.</p>}
      {[...groups].map(([type, group]) => (
        <section key={type} aria-labelledby={`source-group-${type}`}>
          <h3 id={`source-group-${type}`}>{LIST_TYPE_LABELS[type] ?? type}</h3>
          <ul class="source-grid">
            {group.map((t) => (
              <li key={t.implementation}>
                <button type="button" onClick={() => onChoose(t)}>
                  {t.implementationName}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <div class="actions">
        <button type="button" class="ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}

const SYNC_LEVELS: { value: ListSyncLevel; label: string; explanation: string }[] = [
  {
    value: "disabled",
    label: "Disabled",
    explanation: "Movies that leave every list stay in the library as they are.",
  },
  {
    value: "logOnly",
    label: "Log only",
    explanation: "Nothing changes; the sync only logs which movies are no longer on any list.",
  },
  {
    value: "keepAndUnmonitor",
    label: "Keep and unmonitor",
    explanation: "The movie stays in the library but is unmonitored, so nothing more is searched for it.",
  },
  {
    value: "removeAndKeep",
    label: "Remove and keep files",
    explanation: "The movie is removed from the library; its files on disk are left alone.",
  },
  {
    value: "removeAndDelete",
    label: "Remove and delete files",
    explanation: "The movie is removed from the library along with its files.",
  },
];

/** The global list setting: what happens to a movie a list added once it is on no list at all. */
function CleanLibraryLevel() {
  const saved = useSignal<ListSyncLevel | undefined>(undefined);
  const level = useSignal<ListSyncLevel>("disabled");
  const saving = useSignal(false);
  const done = useSignal(false);
  const error = useSignal<unknown>(undefined);

  useEffect(() => {
    api.importLists.config().then(
      (config) => {
        saved.value = config.listSyncLevel;
        level.value = config.listSyncLevel;
      },
      (e) => {
        error.value = e;
      },
    );
  }, []);

  const save = async (event: Event) => {
    event.preventDefault();
    saving.value = true;
    error.value = undefined;
    try {
      const config = await api.importLists.updateConfig({ listSyncLevel: level.value });
      saved.value = config.listSyncLevel;
      done.value = true;
    } catch (e) {
      error.value = e;
    } finally {
      saving.value = false;
    }
  };

  const chosen = SYNC_LEVELS.find((l) => l.value === level.value);
  return (
    <section aria-labelledby="clean-heading" class="settings-section clean-library">
      <h2 id="clean-heading">Clean library</h2>
      <p class="hint">What happens to a movie your lists brought in once a sync finds it on none of them any more.</p>
      <form class="inline-form" aria-label="Clean library level" onSubmit={save}>
        <label class="field">
          <span>Clean library level</span>
          <select
            value={level.value}
            disabled={saved.value === undefined}
            onChange={(e) => {
              level.value = e.currentTarget.value as ListSyncLevel;
              done.value = false;
            }}
          >
            {SYNC_LEVELS.map((l) => (
              <option key={l.value} value={l.value}>
                {l.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={saving.value || saved.value === undefined || level.value === saved.value}>
          {saving.value ? "Saving…" : "Save level"}
        </button>
        {done.value && level.value === saved.value && (
          <span role="status" class="saved">
            Saved
          </span>
        )}
      </form>
      {chosen && <p class="level-explanation">{chosen.explanation}</p>}
      <dl class="levels">
        {SYNC_LEVELS.map((l) => (
          <div key={l.value} aria-current={l.value === saved.value ? "true" : undefined}>
            <dt>{l.label}</dt>
            <dd>{l.explanation}</dd>
          </div>
        ))}
      </dl>
      <ErrorMessage error={error.value} />
    </section>
  );
}
