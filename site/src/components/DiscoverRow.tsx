import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { DiscoverItem, DiscoverPage } from "../api/discover";
import { Link } from "../router";
import { ErrorMessage } from "./ErrorMessage";
import { TitlePoster } from "./Poster";

/** How far below the viewport a row starts loading, so it is filled by the time it scrolls in. */
const LOAD_AHEAD = "200px";

/** True once the element has come within LOAD_AHEAD of the viewport (and stays true). */
function useSeen(ref: { current: Element | null }) {
  const seen = useSignal(false);
  useEffect(() => {
    const element = ref.current;
    if (!element || seen.value) return;
    if (typeof IntersectionObserver === "undefined") {
      seen.value = true;
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          seen.value = true;
          observer.disconnect();
        }
      },
      { rootMargin: LOAD_AHEAD },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return seen.value;
}

/**
 * One Discover row: a heading and a strip of titles scrolling sideways inside itself. Its first
 * page is fetched only when the row nears the viewport, so opening Discover does not ask for
 * every row at once; "More" appends the next page.
 */
export function DiscoverRow({
  title,
  load,
  note,
  empty = "Nothing here yet.",
}: {
  title: string;
  load: (page: number, signal: AbortSignal) => Promise<DiscoverPage>;
  note?: string;
  /** What an empty row says. */
  empty?: string;
}) {
  const ref = useRef<HTMLElement>(null);
  const seen = useSeen(ref);
  const items = useSignal<DiscoverItem[] | undefined>(undefined);
  const page = useSignal(0);
  const totalPages = useSignal(1);
  const loading = useSignal(false);
  const error = useSignal<unknown>(undefined);

  const fetchPage = async (next: number, signal: AbortSignal) => {
    loading.value = true;
    try {
      const answer = await load(next, signal);
      if (signal.aborted) return;
      const known = new Set((items.value ?? []).map((item) => `${item.mediaType}:${item.tmdbId}`));
      items.value = [...(items.value ?? []), ...answer.results.filter((r) => !known.has(`${r.mediaType}:${r.tmdbId}`))];
      page.value = answer.page;
      totalPages.value = answer.totalPages;
      error.value = undefined;
    } catch (e) {
      if (!signal.aborted && (e as Error).name !== "AbortError") error.value = e;
    } finally {
      if (!signal.aborted) loading.value = false;
    }
  };

  useEffect(() => {
    if (!seen) return;
    const controller = new AbortController();
    void fetchPage(1, controller.signal);
    return () => controller.abort();
  }, [seen]);

  return (
    <section class="discover-row" ref={ref} aria-label={title} aria-busy={loading.value}>
      <h2>{title}</h2>
      {note && <p class="muted discover-note">{note}</p>}
      <ErrorMessage error={error.value} />
      {items.value?.length === 0 && <p class="muted">{empty}</p>}
      {!items.value && !error.value && <p class="muted discover-loading">{seen ? "Loading…" : "\u00a0"}</p>}
      <ul class="discover-strip" data-scroll-x>
        {(items.value ?? []).map((item) => (
          <DiscoverCard key={`${item.mediaType}:${item.tmdbId}`} item={item} />
        ))}
        {items.value && page.value < totalPages.value && (
          <li class="discover-card more">
            <button
              type="button"
              disabled={loading.value}
              onClick={() => void fetchPage(page.value + 1, new AbortController().signal)}
            >
              {loading.value ? "Loading…" : "More"}
            </button>
          </li>
        )}
      </ul>
    </section>
  );
}

/**
 * A title in a row. A movie opens its Discover page and says when it is in the library; a TV
 * series stays visible but says plainly that this app manages movies only, and offers no add.
 */
function DiscoverCard({ item }: { item: DiscoverItem }) {
  const year = item.year ? String(item.year) : "—";
  if (item.moviesOnly) {
    return (
      <li class="discover-card tv" aria-label={`${item.title} (TV series)`}>
        <TitlePoster url={item.posterUrl} title={item.title} />
        <span class="card-title" title={item.title}>
          {item.title}
        </span>
        <span class="card-meta">TV series · {year}</span>
        <span class="badge movies-only" title="Radarr Edge manages movies only: TV series cannot be added">
          Movies only
        </span>
      </li>
    );
  }
  return (
    <li class="discover-card">
      <Link href={`/discover/movie/${item.tmdbId}`} aria-label={`${item.title} (${year})`}>
        <TitlePoster url={item.posterUrl} title={item.title} />
        <span class="card-title" title={item.title}>
          {item.title}
        </span>
      </Link>
      <span class="card-meta">
        {year}
        {item.voteAverage > 0 && ` · ★ ${item.voteAverage.toFixed(1)}`}
      </span>
      {item.inLibrary && <span class="badge ok">In library</span>}
    </li>
  );
}
