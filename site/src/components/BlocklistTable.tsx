import { type Signal, useSignal } from "@preact/signals";
import { api, type BlocklistItem, type FailureKind } from "../api";
import { Link } from "../router";
import { ErrorMessage } from "./ErrorMessage";
import { FAILURE_KIND_LABELS } from "./failureKinds";
import { formatCount, formatDateTime } from "./format";
import { Pager } from "./Pager";
import { useResource } from "./useResource";

const PAGE_SIZE = 25;

const reasonLabel = (reason: string) =>
  reason === "manual" ? "Removed from the queue" : (FAILURE_KIND_LABELS[reason as FailureKind] ?? reason);

type Selection = Signal<ReadonlySet<number>>;

/** Unblocking one or several releases: busy while it runs, then a notice or the error. */
function useUnblock(selected: Selection, reload: () => void) {
  const busy = useSignal(false);
  const actionError = useSignal<unknown>(undefined);
  const notice = useSignal<string | undefined>(undefined);
  const unblock = async (ids: number[], what: string) => {
    busy.value = true;
    actionError.value = undefined;
    notice.value = undefined;
    try {
      if (ids.length === 1) await api.blocklist.remove(ids[0]);
      else await api.blocklist.removeMany(ids);
      const next = new Set(selected.value);
      for (const id of ids) next.delete(id);
      selected.value = next;
      notice.value = `Unblocked ${what}`;
      reload();
    } catch (e) {
      actionError.value = e;
    } finally {
      busy.value = false;
    }
  };
  return { busy, actionError, notice, unblock };
}

/** Releases that will not be grabbed again (until their block runs out); unblock one or several. */
export function BlocklistTable() {
  const page = useSignal(1);
  const selected = useSignal<ReadonlySet<number>>(new Set());
  const { data, error, reload } = useResource(
    (signal) => api.blocklist.paged({ page: page.value, pageSize: PAGE_SIZE, sortKey: "date" }, signal),
    [page.value],
  );
  const { busy, actionError, notice, unblock } = useUnblock(selected, reload);
  const list = data.value;

  const chosen = [...selected.value];
  return (
    <section aria-label="Blocklist" class="blocklist">
      <p class="hint">
        A blocklisted release is never grabbed again: torrents are matched by info hash, others by title and indexer.
        Unblocking lets a search pick it again.
      </p>
      <div class="section-head">
        {list && (
          <span role="status" class="muted">
            {formatCount(list.totalRecords)} blocked {list.totalRecords === 1 ? "release" : "releases"}
          </span>
        )}
        <button
          type="button"
          disabled={busy.value || chosen.length === 0}
          onClick={() => void unblock(chosen, `${chosen.length} ${chosen.length === 1 ? "release" : "releases"}`)}
        >
          Unblock selected ({chosen.length})
        </button>
        {notice.value && (
          <span role="status" class="saved">
            {notice.value}
          </span>
        )}
      </div>
      <ErrorMessage error={error.value ?? actionError.value} />
      {list === undefined && !error.value && <p class="muted">Loading…</p>}
      {list?.records.length === 0 && <p class="muted">No releases are blocked.</p>}
      {list && list.records.length > 0 && (
        <BlockedReleases
          records={list.records}
          selected={selected}
          busy={busy.value}
          onUnblock={(item) => void unblock([item.id], item.sourceTitle)}
        />
      )}
      {list && <Pager page={page} totalRecords={list.totalRecords} pageSize={PAGE_SIZE} label="Blocklist pages" />}
    </section>
  );
}

/** The table of blocked releases on this page, each selectable (or all at once). */
function BlockedReleases({
  records,
  selected,
  busy,
  onUnblock,
}: {
  records: BlocklistItem[];
  selected: Selection;
  busy: boolean;
  onUnblock: (item: BlocklistItem) => void;
}) {
  const allSelected = records.length > 0 && records.every((r) => selected.value.has(r.id));
  const toggle = (ids: number[], on: boolean) => {
    const next = new Set(selected.value);
    for (const id of ids) {
      if (on) next.add(id);
      else next.delete(id);
    }
    selected.value = next;
  };
  return (
    <div class="table-scroll">
      <table class="plain blocklist-table" aria-label="Blocked releases">
        <thead>
          <tr>
            <th>
              <input
                type="checkbox"
                aria-label="Select every release on this page"
                checked={allSelected}
                onChange={(e) =>
                  toggle(
                    records.map((r) => r.id),
                    e.currentTarget.checked,
                  )
                }
              />
            </th>
            <th>Movie</th>
            <th>Release</th>
            <th>Quality</th>
            <th>Indexer</th>
            <th>Reason</th>
            <th>Blocked</th>
            <th>Until</th>
            <th>Retries</th>
            <th>
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {records.map((item) => (
            <BlocklistRow
              key={item.id}
              item={item}
              selected={selected.value.has(item.id)}
              busy={busy}
              onSelect={(on) => toggle([item.id], on)}
              onUnblock={() => onUnblock(item)}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function BlocklistRow({
  item,
  selected,
  busy,
  onSelect,
  onUnblock,
}: {
  item: BlocklistItem;
  selected: boolean;
  busy: boolean;
  onSelect: (on: boolean) => void;
  onUnblock: () => void;
}) {
  return (
    <tr>
      <td>
        <input
          type="checkbox"
          aria-label={`Select ${item.sourceTitle}`}
          checked={selected}
          onChange={(e) => onSelect(e.currentTarget.checked)}
        />
      </td>
      <td>
        <Link href={`/movie/${item.movieId}`}>
          {item.movie ? `${item.movie.title} (${item.movie.year})` : `Movie ${item.movieId}`}
        </Link>
      </td>
      <td class="release-title wrap">
        {item.sourceTitle}
        {item.infoHash && <span class="muted hash"> · {item.infoHash}</span>}
      </td>
      <td>{item.quality.quality.name}</td>
      <td>{item.indexer ?? "—"}</td>
      <td class="wrap">
        {reasonLabel(item.reason)}
        {item.message && <span class="muted"> — {item.message}</span>}
      </td>
      <td>{formatDateTime(item.date)}</td>
      <td>{item.blockedUntil ? formatDateTime(item.blockedUntil) : "Never expires"}</td>
      <td>{item.retryCount}</td>
      <td class="row-actions">
        <button type="button" aria-label={`Unblock ${item.sourceTitle}`} disabled={busy} onClick={onUnblock}>
          Unblock
        </button>
      </td>
    </tr>
  );
}
