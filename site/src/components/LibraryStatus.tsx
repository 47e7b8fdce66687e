import { useComputed } from "@preact/signals";
import type { Movie } from "../api";
import { libraryApi } from "../api/library";
import { useResource } from "./useResource";

/** Where a movie stands in the library, the colour and label each card and row shows. */
export type LibraryState = "queued" | "downloaded" | "missing" | "unmonitored";

/** Each state's label and mark: never the colour alone. */
export const LIBRARY_STATES: Record<LibraryState, { label: string; mark: string; meaning: string }> = {
  downloaded: { label: "Downloaded", mark: "✓", meaning: "has its file" },
  queued: { label: "Queued", mark: "↓", meaning: "in the download queue" },
  missing: { label: "Missing", mark: "!", meaning: "monitored, no file yet" },
  unmonitored: { label: "Unmonitored", mark: "–", meaning: "no file, not monitored" },
};

/** A library movie's id (a library row always has one; only lookup results lack it). */
export const libraryId = (movie: Movie): number => movie.id ?? -1;

/** A movie in the download queue is queued; else one with its file downloaded; else missing or unmonitored. */
export function libraryState(movie: Movie, queued: ReadonlySet<number>): LibraryState {
  if (movie.id !== undefined && queued.has(movie.id)) return "queued";
  if (movie.hasFile) return "downloaded";
  return movie.monitored ? "missing" : "unmonitored";
}

const QUEUE_POLL_MS = 15_000;

/** The ids of the movies in the download queue: one unpaged read of the queue, re-read every 15 s. */
export function useQueuedMovies(): ReadonlySet<number> {
  const { data } = useResource((signal) => libraryApi.queued(signal), [], { everyMs: QUEUE_POLL_MS });
  return useComputed(() => new Set((data.value ?? []).flatMap((item) => (item.movieId ? [item.movieId] : [])))).value;
}

export function StateBadge({ state }: { state: LibraryState }) {
  const { label, mark } = LIBRARY_STATES[state];
  return (
    <span class={`lib-state lib-${state}`}>
      <span class="lib-mark" aria-hidden="true">
        {mark}
      </span>
      {label}
    </span>
  );
}

/** What each colour means, with the same marks the rows and cards carry. */
export function StateLegend() {
  return (
    <ul class="state-legend" aria-label="Status colours">
      {(Object.keys(LIBRARY_STATES) as LibraryState[]).map((state) => (
        <li key={state} title={LIBRARY_STATES[state].meaning}>
          <StateBadge state={state} />
        </li>
      ))}
    </ul>
  );
}
