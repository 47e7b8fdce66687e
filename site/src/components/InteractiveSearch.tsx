import { type Signal, useSignal } from "@preact/signals";
import { Component } from "preact";
import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import { api, type GrabbedRelease, type Release } from "../api";
import { ErrorMessage } from "./ErrorMessage";
import { formatBytes, formatCount } from "./format";
import { SortButton } from "./MovieTable";
import { useResource } from "./useResource";

/** "45 minutes", "7 hours", "12 days": how long ago the indexer published it. */
function formatAge(release: Pick<Release, "age" | "ageHours" | "ageMinutes">): string {
  if (release.age >= 1) return `${release.age} ${release.age === 1 ? "day" : "days"}`;
  const hours = Math.floor(release.ageHours);
  if (hours >= 1) return `${hours} ${hours === 1 ? "hour" : "hours"}`;
  const minutes = Math.max(0, Math.floor(release.ageMinutes));
  return `${minutes} ${minutes === 1 ? "minute" : "minutes"}`;
}

const releaseKey = (r: Pick<Release, "guid" | "indexerId">) => `${r.indexerId}:${r.guid}`;

/** Columns the results can be re-sorted by in the page; unsorted is the server's rank order. */
const SORTS = {
  size: (r: Release) => r.size,
  age: (r: Release) => r.ageMinutes,
  peers: (r: Release) => r.seeders ?? -1,
  score: (r: Release) => r.customFormatScore,
} as const;
type ReleaseSortKey = keyof typeof SORTS;
interface ReleaseSort {
  key: ReleaseSortKey;
  direction: "ascending" | "descending";
}

/** Pressing a header: ascending, then descending, then back to the server's order. */
function nextSort(current: ReleaseSort | undefined, key: ReleaseSortKey): ReleaseSort | undefined {
  if (current?.key !== key) return { key, direction: "ascending" };
  return current.direction === "ascending" ? { key, direction: "descending" } : undefined;
}

function sortedReleases(releases: Release[], sort: ReleaseSort | undefined): Release[] {
  if (!sort) return releases;
  const value = SORTS[sort.key];
  const sign = sort.direction === "ascending" ? 1 : -1;
  // Stable: releases equal on the column keep the server's rank order.
  return [...releases].sort((a, b) => sign * (value(a) - value(b)));
}

type GrabState =
  | { status: "grabbing" }
  | { status: "grabbed"; result: GrabbedRelease }
  | { status: "failed"; error: unknown };

/**
 * Interactive search on the movie page: every enabled indexer's results for the movie, each with
 * the server's decision (approved, or the reasons it was rejected) in the order the server ranks
 * them, and a grab button per release that sends it to a download client.
 */
export function InteractiveSearch({ movieId, title }: { movieId: number; title: string }) {
  const { search, searching, error, grabs, run, grab } = useReleaseSearch(movieId);
  const sort = useSignal<ReleaseSort | undefined>(undefined);
  const found = search.value;
  const approved = found?.releases.filter((r) => r.approved).length ?? 0;
  return (
    <section aria-labelledby="search-heading" class="interactive-search">
      <div class="section-head">
        <h2 id="search-heading">Search</h2>
        <button type="button" class="primary" disabled={searching.value} onClick={run}>
          {searching.value ? "Searching…" : found ? "Search again" : "Search indexers"}
        </button>
        {found && !searching.value && (
          <span role="status" class="muted">
            {formatCount(found.releases.length)} {found.releases.length === 1 ? "release" : "releases"} found,{" "}
            {formatCount(approved)} approved
          </span>
        )}
      </div>
      <p class="hint">Searches every indexer with interactive search enabled for {title}, and judges each release.</p>
      <ErrorMessage error={error.value} />
      {found?.indexerFailures && (
        <p class="notice" role="note">
          Some indexers did not answer: {found.indexerFailures}
        </p>
      )}
      {found && found.releases.length === 0 && <p class="muted">No indexer had a release of this movie.</p>}
      {found && found.releases.length > 0 && (
        <ReleasesTable releases={found.releases} sort={sort} grabs={grabs.value} onGrab={(r) => void grab(r)} />
      )}
    </section>
  );
}

/** Searching the indexers for the movie (a new search aborts the last) and grabbing its releases, one grab each. */
function useReleaseSearch(movieId: number) {
  /** The search last asked for: a new object each press, so each press searches again; none before the first. */
  const asked = useSignal<{ movieId: number } | undefined>(undefined);
  const grabs = useSignal<ReadonlyMap<string, GrabState>>(new Map());
  const {
    data: search,
    loading: searching,
    error,
  } = useResource(
    asked.value?.movieId === movieId
      ? async (signal) => {
          const found = await api.releases.search(movieId, signal);
          // New results: the grabs of the last ones no longer show.
          if (!signal.aborted) grabs.value = new Map();
          return found;
        }
      : undefined,
    [movieId, asked.value],
  );
  const run = () => {
    asked.value = { movieId };
  };

  const setGrab = (key: string, state: GrabState) => {
    grabs.value = new Map(grabs.value).set(key, state);
  };
  const grab = async (release: Release) => {
    const key = releaseKey(release);
    const state = grabs.value.get(key);
    // One grab per release: a second click while sending, or after it went, does nothing.
    if (state && state.status !== "failed") return;
    setGrab(key, { status: "grabbing" });
    try {
      const result = await api.releases.grab({ guid: release.guid, indexerId: release.indexerId, movieId });
      setGrab(key, { status: "grabbed", result });
    } catch (e) {
      setGrab(key, { status: "failed", error: e });
    }
  };

  return { search, searching, error, grabs, run, grab };
}

/** Rows drawn in the first frame of a new list or order: more than a screen of them. */
const FIRST_ROWS = 30;

/**
 * How many of `rows` to draw: a screenful at once, then all of them in the next frame, so a
 * search of a thousand releases shows its first rows without waiting for the last one's (the
 * rest come in one go: each step lays the whole table out again). A new list (a new search, or
 * a new order) starts again from a screenful.
 */
function useRowsDrawn(rows: readonly unknown[]): number {
  const [drawn, setDrawn] = useState({ of: rows, count: Math.min(rows.length, FIRST_ROWS) });
  const count = drawn.of === rows ? drawn.count : Math.min(rows.length, FIRST_ROWS);
  useEffect(() => {
    if (count >= rows.length) return;
    const frame = requestAnimationFrame(() => setDrawn({ of: rows, count: rows.length }));
    return () => cancelAnimationFrame(frame);
  }, [rows, count]);
  return count;
}

function ReleasesTable({
  releases,
  sort,
  grabs,
  onGrab,
}: {
  releases: Release[];
  sort: Signal<ReleaseSort | undefined>;
  grabs: ReadonlyMap<string, GrabState>;
  onGrab: (release: Release) => void;
}) {
  const order = sort.value;
  // Sorted once per list and order, not on every grab's re-render.
  const sorted = useMemo(() => sortedReleases(releases, order), [releases, order]);
  const drawn = useRowsDrawn(sorted);
  // One handler for every row, so a row re-renders only when its own release or grab changes.
  const latestGrab = useRef(onGrab);
  latestGrab.current = onGrab;
  const grabRow = useCallback((release: Release) => latestGrab.current(release), []);
  return (
    <div class="table-scroll">
      <table class="plain releases" aria-label="Releases">
        <thead>
          <tr>
            <th>Release</th>
            <th>Quality</th>
            <SortableHeader label="Size" column="size" sort={sort} />
            <SortableHeader label="Age" column="age" sort={sort} />
            <SortableHeader label="Peers" column="peers" sort={sort} />
            <th>Indexer</th>
            <SortableHeader label="Score" column="score" sort={sort} />
            <th>Decision</th>
            <th>
              <span class="visually-hidden">Grab</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.slice(0, drawn).map((release) => (
            <ReleaseRow
              key={releaseKey(release)}
              release={release}
              grab={grabs.get(releaseKey(release))}
              onGrab={grabRow}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SortableHeader({
  label,
  column,
  sort,
}: {
  label: string;
  column: ReleaseSortKey;
  sort: { value: ReleaseSort | undefined };
}) {
  const active = sort.value?.key === column;
  return (
    <th scope="col" aria-sort={active ? sort.value?.direction : undefined}>
      <SortButton
        label={label}
        active={active}
        onClick={() => {
          sort.value = nextSort(sort.value, column);
        }}
      />
    </th>
  );
}

interface ReleaseRowProps {
  release: Release;
  grab: GrabState | undefined;
  onGrab: (release: Release) => void;
}

/** A release's row, drawn again only when its release or its grab changes (not for its neighbours'). */
class ReleaseRow extends Component<ReleaseRowProps> {
  override shouldComponentUpdate(next: ReleaseRowProps) {
    return next.release !== this.props.release || next.grab !== this.props.grab || next.onGrab !== this.props.onGrab;
  }

  override render(props: ReleaseRowProps) {
    return <ReleaseCells {...props} />;
  }
}

function ReleaseCells({ release, grab, onGrab }: ReleaseRowProps) {
  const peers = release.protocol === "torrent" ? `${release.seeders ?? "?"} / ${release.leechers ?? "?"}` : "Usenet";
  return (
    <tr class={release.approved ? "approved" : "rejected"}>
      <td class="release-title wrap">
        <span>{release.title}</span>
        {(release.customFormats.length > 0 || release.indexerFlags.length > 0) && (
          <span class="chips">
            {release.customFormats.map((f) => (
              <span key={f.id} class="chip">
                {f.name}
              </span>
            ))}
            {release.indexerFlags.map((flag) => (
              <span key={flag} class="chip flag">
                {flag}
              </span>
            ))}
          </span>
        )}
      </td>
      <td>{release.quality?.quality.name ?? "Unknown"}</td>
      <td>{formatBytes(release.size)}</td>
      <td>{formatAge(release)}</td>
      <td>{peers}</td>
      <td>{release.indexer}</td>
      <td>{release.customFormatScore > 0 ? `+${release.customFormatScore}` : release.customFormatScore}</td>
      <td class="decision wrap">
        {release.approved ? (
          <span class="badge ok">Approved</span>
        ) : (
          <>
            <span class={`badge ${release.rejected ? "error" : "warning"}`}>
              {release.rejected ? "Rejected" : "Temporarily rejected"}
            </span>
            <ul class="rejections" aria-label={`Why ${release.title} was rejected`}>
              {release.rejectionDetails.map((r) => (
                <li key={`${r.reason}:${r.message}`}>{r.message}</li>
              ))}
            </ul>
          </>
        )}
      </td>
      <td class="row-actions grab-cell">
        <GrabButton release={release} grab={grab} onGrab={() => onGrab(release)} />
      </td>
    </tr>
  );
}

function GrabButton({ release, grab, onGrab }: { release: Release; grab: GrabState | undefined; onGrab: () => void }) {
  if (grab?.status === "grabbed") {
    return (
      <span role="status" class="saved grab-result">
        Grabbed: sent to the download client (queue item {grab.result.queueId})
      </span>
    );
  }
  return (
    <>
      <button
        type="button"
        class={release.approved ? "primary" : ""}
        aria-label={`Grab ${release.title}`}
        title={release.approved ? undefined : "Rejected: grab it anyway"}
        disabled={grab?.status === "grabbing" || !release.downloadAllowed}
        onClick={onGrab}
      >
        {grab?.status === "grabbing" ? "Grabbing…" : "Grab"}
      </button>
      {grab?.status === "failed" && <ErrorMessage error={grab.error} />}
    </>
  );
}
