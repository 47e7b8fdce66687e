import { signal } from "@preact/signals";
import type { StreamingMediaType, StreamingProvider, TrendingSource, TrendingWindow } from "../api";
import { ProviderLogo, RegionSelect } from "../components/streaming";

/** The Trending page's controls (Trending.tsx): type, window, ranking, region and services. */

// The choices outlive the page, so going to a title and back keeps them.
export const mediaType = signal<StreamingMediaType>("movie");
export const trendWindow = signal<TrendingWindow>("day");
export const source = signal<TrendingSource>("combined");
export const region = signal<string | undefined>(undefined);
export const serviceFilter = signal<number[]>([]);

export const TRENDING_URL_KEYS = ["type", "window", "source", "region", "services"];

/** The choices as query parameters, defaults left out. */
export function trendingToQuery(): Record<string, string | undefined> {
  return {
    type: mediaType.value === "movie" ? undefined : mediaType.value,
    window: trendWindow.value === "day" ? undefined : trendWindow.value,
    source: source.value === "combined" ? undefined : source.value,
    region: region.value,
    services: serviceFilter.value.join(","),
  };
}

/** The choices from query parameters; an unknown value is the default, no region keeps the current one. */
export function trendingFromQuery(query: URLSearchParams) {
  mediaType.value = query.get("type") === "tv" ? "tv" : "movie";
  trendWindow.value = query.get("window") === "week" ? "week" : "day";
  const src = query.get("source");
  source.value = src === "tmdb" || src === "trakt" ? src : "combined";
  const wanted = query.get("region");
  if (wanted && /^[A-Z]{2}$/.test(wanted)) region.value = wanted;
  serviceFilter.value = (query.get("services") ?? "")
    .split(",")
    .map(Number)
    .filter((id) => Number.isInteger(id) && id > 0);
}

const SOURCE_LABELS: Record<TrendingSource, string> = {
  combined: "TMDb + Trakt",
  tmdb: "TMDb only",
  trakt: "Trakt only",
};

export function TrendingToolbar({
  currentRegion,
  providers,
  subscribed,
}: {
  currentRegion: string | undefined;
  providers: StreamingProvider[];
  subscribed: ReadonlySet<number>;
}) {
  const type = mediaType.value;
  const win = trendWindow.value;
  return (
    <div class="toolbar trending-controls">
      <div class="field">
        <span aria-hidden="true">Type</span>
        <fieldset class="segmented">
          <legend class="visually-hidden">Media type</legend>
          {(["movie", "tv"] as const).map((t) => (
            <button
              key={t}
              type="button"
              aria-pressed={type === t}
              onClick={() => {
                mediaType.value = t;
              }}
            >
              {t === "movie" ? "Movies" : "TV shows"}
            </button>
          ))}
        </fieldset>
      </div>
      <div class="field">
        <span aria-hidden="true">Window</span>
        <fieldset class="segmented">
          <legend class="visually-hidden">Trending window</legend>
          {(["day", "week"] as const).map((w) => (
            <button
              key={w}
              type="button"
              aria-pressed={win === w}
              onClick={() => {
                trendWindow.value = w;
              }}
            >
              {w === "day" ? "Today" : "This week"}
            </button>
          ))}
        </fieldset>
      </div>
      <RankingField />
      {currentRegion && (
        <RegionSelect
          id="trending-region"
          label="Region"
          value={currentRegion}
          onChange={(r) => {
            region.value = r;
            // Services differ between regions: the filter starts again.
            serviceFilter.value = [];
          }}
        />
      )}
      <ServiceFilter providers={providers} subscribed={subscribed} />
    </div>
  );
}

/** Which ranking orders the titles: TMDb's, Trakt's or both combined. */
function RankingField() {
  const src = source.value;
  return (
    <div class="field">
      <label for="trending-source">Ranking</label>
      <select
        id="trending-source"
        value={src}
        onChange={(e) => {
          source.value = e.currentTarget.value as TrendingSource;
        }}
      >
        {(Object.keys(SOURCE_LABELS) as TrendingSource[]).map((s) => (
          <option key={s} value={s}>
            {SOURCE_LABELS[s]}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Services to filter by: the region's catalogue, with a shortcut to the subscribed ones. */
function ServiceFilter({ providers, subscribed }: { providers: StreamingProvider[]; subscribed: ReadonlySet<number> }) {
  const chosen = new Set(serviceFilter.value);
  const set = (ids: number[]) => {
    serviceFilter.value = ids;
  };
  const mine = providers.filter((p) => subscribed.has(p.providerId)).map((p) => p.providerId);
  return (
    <details class="service-filter">
      <summary>Services{chosen.size > 0 ? ` (${chosen.size})` : ": all"}</summary>
      <fieldset>
        <legend class="visually-hidden">Show only titles on these services</legend>
        <div class="actions">
          <button type="button" class="ghost" disabled={mine.length === 0} onClick={() => set(mine)}>
            My services
          </button>
          <button type="button" class="ghost" disabled={chosen.size === 0} onClick={() => set([])}>
            All services
          </button>
        </div>
        <div class="provider-choices">
          {providers.map((p) => (
            <label key={p.providerId} class="check">
              <input
                type="checkbox"
                checked={chosen.has(p.providerId)}
                onChange={(e) =>
                  set(
                    e.currentTarget.checked
                      ? [...chosen, p.providerId]
                      : [...chosen].filter((id) => id !== p.providerId),
                  )
                }
              />
              <ProviderLogo name={p.name} logoUrl={p.logoUrl} />
              {p.name}
            </label>
          ))}
          {providers.length === 0 && <span class="muted">No services known for this region.</span>}
        </div>
      </fieldset>
    </details>
  );
}
