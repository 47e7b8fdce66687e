/**
 * The library's select mode: which movies are chosen for the mass editor. Rows are chosen by id
 * (they stay chosen while the list scrolls, sorts or pages out); a shift-click chooses the range
 * from the row clicked before, by row index in the current order.
 */
import { signal } from "@preact/signals";

export const selecting = signal(false);
export const selected = signal<ReadonlySet<number>>(new Set());
/** The row index clicked last, where a shift-click's range starts. */
let anchor: number | undefined;

/**
 * Chooses or unchooses the movie at `index`; with `range`, every loaded row between the anchor and
 * it the same way. `idAt` answers a row's movie id (undefined for a row still loading).
 */
export function toggleRow(index: number, id: number, range: boolean, idAt: (index: number) => number | undefined) {
  const next = new Set(selected.value);
  const choose = !next.has(id);
  const from = range && anchor !== undefined ? Math.min(anchor, index) : index;
  const to = range && anchor !== undefined ? Math.max(anchor, index) : index;
  for (let i = from; i <= to; i++) {
    const rowId = i === index ? id : idAt(i);
    if (rowId === undefined) continue;
    if (choose) next.add(rowId);
    else next.delete(rowId);
  }
  anchor = index;
  selected.value = next;
}

export function selectIds(ids: readonly number[]) {
  selected.value = new Set(ids);
}

export function clearSelection() {
  anchor = undefined;
  selected.value = new Set();
}

export function setSelecting(on: boolean) {
  selecting.value = on;
  if (!on) clearSelection();
}
