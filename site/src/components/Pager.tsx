import type { Signal } from "@preact/signals";

/** Previous / "Page 2 of 7" / Next under a paged table; nothing when everything fits on one page. */
export function Pager({
  page,
  totalRecords,
  pageSize,
  label,
}: {
  page: Signal<number>;
  totalRecords: number;
  pageSize: number;
  /** The navigation's accessible name, e.g. "Queue pages". */
  label: string;
}) {
  const pages = Math.max(1, Math.ceil(totalRecords / pageSize));
  if (pages <= 1 && page.value <= 1) return null;
  return (
    <nav class="pager" aria-label={label}>
      <button
        type="button"
        disabled={page.value <= 1}
        onClick={() => {
          page.value = Math.max(1, Math.min(page.value - 1, pages));
        }}
      >
        Previous
      </button>
      <span>
        Page {page.value} of {pages}
      </span>
      <button
        type="button"
        disabled={page.value >= pages}
        onClick={() => {
          page.value++;
        }}
      >
        Next
      </button>
    </nav>
  );
}
