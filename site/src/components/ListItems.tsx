import { useSignal } from "@preact/signals";
import { api, type ListItemPage, type ListItemStatus } from "../api";
import { Link } from "../router";
import { ErrorMessage } from "./ErrorMessage";
import { formatCount, formatDate } from "./format";
import { Pager } from "./Pager";
import { useResource } from "./useResource";

const ITEMS_PAGE_SIZE = 25;

const LIST_ITEM_STATUS_LABELS: Record<ListItemStatus, string> = {
  pending: "Pending",
  imported: "Imported",
  existing: "Already in library",
  excluded: "Excluded",
  unresolved: "Unresolved",
  streaming: "Skipped: streams on a subscribed service",
};

const ITEM_STATUSES = Object.keys(LIST_ITEM_STATUS_LABELS) as ListItemStatus[];

/** What a list holds, a page at a time, optionally only the items in one status. */
export function ListItems({ listId, version }: { listId: number; version: number }) {
  const status = useSignal<ListItemStatus | "">("");
  const page = useSignal(1);
  const { data: items, error } = useResource(
    (signal) =>
      api.importLists.items(
        listId,
        { page: page.value, pageSize: ITEMS_PAGE_SIZE, status: status.value || undefined },
        signal,
      ),
    [listId, version, status.value, page.value],
  );

  const result = items.value;
  const pages = result ? Math.max(1, Math.ceil(result.totalRecords / result.pageSize)) : 1;
  return (
    <section aria-labelledby="items-heading" class="settings-section">
      <div class="section-head">
        <h2 id="items-heading">Items</h2>
        <label class="field">
          <span>Item status</span>
          <select
            value={status.value}
            onChange={(e) => {
              status.value = e.currentTarget.value as ListItemStatus | "";
              page.value = 1;
            }}
          >
            <option value="">All</option>
            {ITEM_STATUSES.map((s) => (
              <option key={s} value={s}>
                {LIST_ITEM_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        {result && (
          <span role="status" class="muted">
            {formatCount(result.totalRecords)} {result.totalRecords === 1 ? "item" : "items"}
          </span>
        )}
      </div>
      <ErrorMessage error={error.value} />
      {result === undefined && !error.value && <p class="muted">Loading…</p>}
      {result?.records.length === 0 && (
        <p class="muted">{status.value ? "No items with this status." : "The list holds no items yet."}</p>
      )}
      {result && result.records.length > 0 && <ItemsTable items={result.records} />}
      {result && pages > 1 && (
        <Pager page={page} totalRecords={result.totalRecords} pageSize={result.pageSize} label="Item pages" />
      )}
    </section>
  );
}

type ListItem = ListItemPage["records"][number];

function ItemsTable({ items }: { items: ListItem[] }) {
  return (
    <table class="plain" aria-label="List items">
      <thead>
        <tr>
          <th>Title</th>
          <th>Year</th>
          <th>Ids</th>
          <th>Status</th>
          <th>First seen</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id}>
            <td>{item.movieId ? <Link href={`/movie/${item.movieId}`}>{item.title}</Link> : item.title}</td>
            <td>{item.year || "—"}</td>
            <td class="muted">
              {[item.tmdbId && `TMDb ${item.tmdbId}`, item.imdbId].filter(Boolean).join(" · ") || "—"}
            </td>
            <td>
              <span class={`item-status status-${item.status}`}>{LIST_ITEM_STATUS_LABELS[item.status]}</span>
            </td>
            <td>{formatDate(item.firstSeenAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
