import { type Signal, useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import {
  api,
  type StreamingMediaType,
  type TitleAvailability,
  type TrendingItem,
  type TrendingSource,
  type TrendingWindow,
} from "../api";
import { AddToLibrary } from "../components/AddToLibrary";
import { ErrorMessage } from "../components/ErrorMessage";
import { formatCount } from "../components/format";
import { TitlePoster } from "../components/Poster";
import { AttributionFooter, OFFER_TYPES, OfferChips, SourceNotice, useDefaultRegion } from "../components/streaming";
import { useResource } from "../components/useResource";
import { useUrlState } from "../components/useUrlState";
import { providerCatalogue, streamingSettings } from "../state/streaming";
import {
  mediaType,
  region,
  serviceFilter,
  source,
  TRENDING_URL_KEYS,
  TrendingToolbar,
  trendingFromQuery,
  trendingToQuery,
  trendWindow,
} from "./TrendingControls";

/** Availability lookups for titles the trending response did not enrich, at most this many at once. */
const LOOKUP_CONCURRENCY = 4;

/** The availability lookups for one trending response: each title asked once, a few at a time. */
interface Lookups {
  region: string;
  mediaType: StreamingMediaType;
  /** Aborted when the trending answer they belong to is replaced. */
  signal: AbortSignal;
  queue: number[];
  asked: Set<number>;
  /** Each title's name, for the providers' search links. */
  titles: Map<number, string>;
  running: number;
}

function formatScore(score: number): string {
  return score <= 1 ? score.toFixed(2) : score.toFixed(1);
}

/**
 * Trending: what is popular today or this week on TMDb and Trakt, with where each title streams
 * in the chosen region, a filter for the services the user picks, and one-click add for movies.
 */
export function Trending() {
  useUrlState(TRENDING_URL_KEYS, trendingToQuery, trendingFromQuery);
  useDefaultRegion(region);
  const currentRegion = region.value;
  const type = mediaType.value;
  const win = trendWindow.value;
  const src = source.value;
  const { data, loading, error, looked, lookups } = useTrendingResults(currentRegion, type, win, src);

  const catalogue = useResource(
    async () => (currentRegion ? (await providerCatalogue(currentRegion, type)).providers : []),
    [currentRegion, type],
  );
  // The services of the region: none known while they fail.
  const providers = catalogue.error.value ? [] : (catalogue.data.value ?? []);

  const lookUp = useAvailabilityLookups(lookups, looked);

  const availabilityOf = (item: TrendingItem) => item.availability ?? looked.value.get(item.tmdbId);

  const chosen = new Set(serviceFilter.value);
  const results = data?.results ?? [];
  const filtering = chosen.size > 0;
  useEffect(() => {
    if (filtering) lookUp(results.filter((item) => !item.availability).map((item) => item.tmdbId));
  }, [filtering, data]);
  const { shown, pending } = filterByServices(results, chosen, availabilityOf);
  const subscribed = new Set(streamingSettings.value?.subscribedProviderIds ?? []);
  const chosenNames = providers.filter((p) => chosen.has(p.providerId)).map((p) => p.name);

  return (
    <section class="page trending">
      <h1>Trending</h1>
      <TrendingToolbar currentRegion={currentRegion} providers={providers} subscribed={subscribed} />

      <SourceNotice sources={data?.sources} staleUpstream={data?.staleUpstream} />
      <ErrorMessage error={error.value} />
      <TrendingStatus
        loading={loading.value}
        loaded={Boolean(data)}
        shown={shown.length}
        total={results.length}
        chosenCount={chosen.size}
        chosenNames={chosenNames}
        pending={pending}
      />
      {data && shown.length === 0 && !loading.value && (
        <p class="empty">
          {chosen.size > 0 && !pending ? "None of these titles is on the chosen services." : "Nothing trending."}
        </p>
      )}
      <ul class="title-cards" aria-label="Trending titles">
        {shown.map((item) => (
          <TrendingCard
            key={item.tmdbId}
            item={item}
            onVisible={item.availability ? undefined : () => lookUp([item.tmdbId])}
            mediaType={data?.mediaType ?? type}
            availability={availabilityOf(item)}
            subscribed={subscribed}
          />
        ))}
      </ul>
      <AttributionFooter attribution={data?.attribution} />
    </section>
  );
}

function TrendingCard({
  item,
  mediaType: type,
  availability,
  subscribed,
  onVisible,
}: {
  item: TrendingItem;
  /** Called once when the card comes near the screen (to look up what the response left out). */
  onVisible?: () => void;
  mediaType: StreamingMediaType;
  availability: TitleAvailability | null | undefined | "failed";
  subscribed: ReadonlySet<number>;
}) {
  const { ranks } = item;
  const ref = useRef<HTMLLIElement>(null);
  const wanted = Boolean(onVisible) && availability === undefined;
  const visible = useRef(onVisible);
  visible.current = onVisible;
  useEffect(() => {
    const element = ref.current;
    if (!wanted || !element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        observer.disconnect();
        visible.current?.();
      },
      { root: element.closest(".content"), rootMargin: "300px 0px" },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [wanted]);
  return (
    <li ref={ref} class="title-card" aria-label={item.title}>
      <TitlePoster url={item.posterUrl} title={item.title} class="small" />
      <div class="title-card-body">
        <h2>
          {item.title} {item.year && <span class="year">({item.year})</span>}
        </h2>
        <p class="ranks">
          {ranks.tmdb !== null && <span class="chip rank">TMDb #{ranks.tmdb}</span>}
          {ranks.trakt !== null && <span class="chip rank">Trakt #{ranks.trakt}</span>}
          <span class="chip rank score" title="Combined score: half TMDb, half Trakt, on normalised rank">
            Score {formatScore(item.score)}
          </span>
          {item.traktWatchers ? <span class="muted">{formatCount(item.traktWatchers)} watching</span> : null}
        </p>
        {availability === undefined || availability === null ? (
          <p class="muted offers-pending">Checking where to watch…</p>
        ) : availability === "failed" ? (
          <p class="muted">Where to watch is unavailable right now.</p>
        ) : availability.available ? (
          <OfferChips title={item.title} offers={availability.offers} link={availability.link} highlight={subscribed} />
        ) : (
          <p class="muted">Not streaming in this region.</p>
        )}
        {type === "movie" && (
          <AddToLibrary tmdbId={item.tmdbId} title={item.title} inLibrary={Boolean(item.inLibrary)} />
        )}
      </div>
    </li>
  );
}

type Looked = Map<number, TitleAvailability | null | "failed">;

/** The trending titles for the choices; a new answer starts the availability lookups afresh. */
function useTrendingResults(
  currentRegion: string | undefined,
  type: StreamingMediaType,
  win: TrendingWindow,
  src: TrendingSource,
) {
  /** Availability fetched here for titles that came without it, by TMDb id; null while asked. */
  const looked = useSignal<Looked>(new Map());
  const lookups = useRef<Lookups | undefined>(undefined);
  const trending = useResource(
    currentRegion
      ? async (signal) => {
          looked.value = new Map();
          lookups.current = undefined;
          const response = await api.streaming.trending(type, win, { region: currentRegion, source: src }, signal);
          if (!signal.aborted) {
            const titles = new Map(response.results.map((item) => [item.tmdbId, item.title]));
            const fresh = { queue: [], asked: new Set<number>(), titles, running: 0 };
            lookups.current = { region: currentRegion, mediaType: response.mediaType, signal, ...fresh };
          }
          return response;
        }
      : undefined,
    [type, win, src, currentRegion],
  );
  // A failed load shows no titles.
  const data = trending.error.value ? undefined : trending.data.value;
  return { data, loading: trending.loading, error: trending.error, looked, lookups };
}

/** `lookUp(ids)`: queues availability lookups for titles, a few at a time, each title once. */
function useAvailabilityLookups(lookups: { current: Lookups | undefined }, looked: Signal<Looked>) {
  /**
   * Asks the availability endpoint for titles the response left without (past the enriched top
   * titles): only for cards on screen, or all of them while a service filter needs to know. Each
   * costs a TMDb call unless the server has it cached, so nothing is asked ahead of need.
   */
  function lookUp(ids: number[]) {
    const l = lookups.current;
    if (!l) return;
    for (const id of ids) {
      if (l.asked.has(id)) continue;
      l.asked.add(id);
      l.queue.push(id);
    }
    while (l.running < LOOKUP_CONCURRENCY && l.queue.length > 0 && !l.signal.aborted) {
      const id = l.queue.shift() as number;
      l.running++;
      looked.value = new Map(looked.value).set(id, null);
      api.streaming
        .availability(id, { region: l.region, type: l.mediaType, title: l.titles.get(id) }, l.signal)
        .then(
          (found) => {
            if (lookups.current === l) looked.value = new Map(looked.value).set(id, found);
          },
          (e) => {
            if ((e as Error).name !== "AbortError" && lookups.current === l)
              looked.value = new Map(looked.value).set(id, "failed");
          },
        )
        .finally(() => {
          l.running--;
          lookUp([]);
        });
    }
  }
  return lookUp;
}

/** The titles on the chosen services, and how many are still being checked. */
function filterByServices(
  results: TrendingItem[],
  chosen: ReadonlySet<number>,
  availabilityOf: (item: TrendingItem) => TitleAvailability | null | undefined | "failed",
) {
  const pending = chosen.size > 0 ? results.filter((item) => !availabilityOf(item)).length : 0;
  const shown =
    chosen.size === 0
      ? results
      : results.filter((item) => {
          const availability = availabilityOf(item);
          return (
            availability &&
            availability !== "failed" &&
            OFFER_TYPES.some((t) => availability.offers[t]?.some((p) => chosen.has(p.providerId)))
          );
        });
  return { shown, pending };
}

function TrendingStatus({
  loading,
  loaded,
  shown,
  total,
  chosenCount,
  chosenNames,
  pending,
}: {
  loading: boolean;
  loaded: boolean;
  shown: number;
  total: number;
  chosenCount: number;
  chosenNames: string[];
  pending: number;
}) {
  return (
    <p class="list-status" role="status">
      {loading
        ? "Loading…"
        : loaded &&
          (chosenCount > 0
            ? `${formatCount(shown)} of ${formatCount(total)} titles on ${chosenNames.join(", ") || "the chosen services"}${pending ? ` (checking ${pending} more…)` : ""}`
            : `${formatCount(total)} titles`)}
    </p>
  );
}
