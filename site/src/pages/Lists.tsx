import { useSignal } from "@preact/signals";
import { api, type ImportList, type ListSyncLevel, type ListSyncRun } from "../api";
import { ErrorMessage } from "../components/ErrorMessage";
import { formatCount, formatDateTime, formatInterval } from "../components/format";
import { ImplementationChooser, useTemplates } from "../components/ImplementationChooser";
import { ListEditor } from "../components/ListEditor";
import { SYNC_RUN_BADGES, SYNC_RUN_LABELS } from "../components/ListSyncActivity";
import { ListSyncButton } from "../components/ListSyncButton";
import { StatusNote } from "../components/StatusNote";
import { TableHead } from "../components/TableParts";
import { useResource } from "../components/useResource";
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
  const overview = useListOverview();
  const { templates, choosing, choose: open } = useTemplates(api.importLists.schema);
  const adding = useSignal<ImportList | undefined>(undefined);
  const added = useSignal<string | undefined>(undefined);

  const choose = () => {
    added.value = undefined;
    open();
  };

  return (
    <section class="page lists">
      <h1>Import lists</h1>
      <p class="hint">
        Lists add movies to the library on a schedule: IMDb, TMDb, Trakt and Plex lists, each synced on its own
        interval.
      </p>
      <ErrorMessage error={templates.error.value ?? overview.error.value} />
      {adding.value ? (
        <ListEditor
          key={adding.value.implementation}
          initial={adding.value}
          onSaved={(list) => {
            adding.value = undefined;
            added.value = `Added list ${list.name}`;
            overview.reload();
          }}
          onCancel={() => {
            adding.value = undefined;
          }}
        />
      ) : choosing.value ? (
        <ImplementationChooser
          headingId="sources-heading"
          heading="Choose a list source"
          templates={templates.data.value}
          empty="The server offers no list sources."
          group={{ of: (t) => t.listType, label: (type) => LIST_TYPE_LABELS[type] ?? type }}
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
          <ListTable lists={overview.data.value?.lists} lastRuns={overview.data.value?.lastRuns ?? new Map()} />
          <div class="actions">
            <button type="button" class="primary" onClick={choose}>
              Add list
            </button>
            <StatusNote message={added.value} />
          </div>
        </>
      )}
      <CleanLibraryLevel />
    </section>
  );
}

/** Every list with its latest sync (by list id), reloaded whenever a sync finishes. */
function useListOverview() {
  return useResource(async () => {
    const lists = await api.importLists.list();
    const runs = await Promise.all(lists.map((l) => api.importLists.history(l.id as number, 1)));
    const lastRuns = new Map<number, ListSyncRun>();
    for (const [i, list] of lists.entries()) if (runs[i][0]) lastRuns.set(list.id as number, runs[i][0]);
    return { lists, lastRuns: lastRuns as ReadonlyMap<number, ListSyncRun> };
  }, [listSyncsFinished.value]);
}

/** "Success: 4 found, 4 added" for a list's latest sync. */
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
      <TableHead columns={["Name", "Type", "Enabled", "Interval", "Last sync", "Next sync", "Last result"]} actions />
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
              <td>
                {list.syncWaitingForBudget ? (
                  <span class="badge warning" title={list.syncWaitingForBudget.reason}>
                    Waiting for budget until {formatDateTime(list.syncWaitingForBudget.until)}
                  </span>
                ) : list.enabled && list.enableAuto ? (
                  formatDateTime(list.nextSyncAt)
                ) : (
                  "—"
                )}
              </td>
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
  /** The level as saved; `error` is the load's or the last save's failure. */
  const { data: saved, error } = useResource(async () => (await api.importLists.config()).listSyncLevel, []);
  /** The level as chosen, until then the saved one. */
  const choice = useSignal<ListSyncLevel | undefined>(undefined);
  const level = choice.value ?? saved.value ?? "disabled";
  const saving = useSignal(false);
  const done = useSignal(false);

  const save = async (event: Event) => {
    event.preventDefault();
    saving.value = true;
    error.value = undefined;
    try {
      const config = await api.importLists.updateConfig({ listSyncLevel: level });
      saved.value = config.listSyncLevel;
      done.value = true;
    } catch (e) {
      error.value = e;
    } finally {
      saving.value = false;
    }
  };

  const chosen = SYNC_LEVELS.find((l) => l.value === level);
  return (
    <section aria-labelledby="clean-heading" class="settings-section clean-library">
      <h2 id="clean-heading">Clean library</h2>
      <p class="hint">What happens to a movie your lists brought in once a sync finds it on none of them any more.</p>
      <form class="inline-form" aria-label="Clean library level" onSubmit={save}>
        <label class="field">
          <span>Clean library level</span>
          <select
            value={level}
            disabled={saved.value === undefined}
            onChange={(e) => {
              choice.value = e.currentTarget.value as ListSyncLevel;
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
        <button type="submit" disabled={saving.value || saved.value === undefined || level === saved.value}>
          {saving.value ? "Saving…" : "Save level"}
        </button>
        <StatusNote message={done.value && level === saved.value && "Saved"} />
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
