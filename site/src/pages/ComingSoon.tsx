import { type Signal, signal, useSignal } from "@preact/signals";
import { api, type ComingSoon as ComingSoonResponse, type StreamingRelease, type WithStale } from "../api";
import { AddToLibrary } from "../components/AddToLibrary";
import { ErrorMessage } from "../components/ErrorMessage";
import { formatDate } from "../components/format";
import { TitlePoster } from "../components/Poster";
import { AttributionFooter, RegionSelect, regionName, SourceNotice, useDefaultRegion } from "../components/streaming";
import { useResource } from "../components/useResource";

const region = signal<string | undefined>(undefined);

const RELEASE_STATUS_MESSAGES: Record<string, string> = {
  notMapped: "Watchmode does not know these titles yet.",
  budgetExhausted: "Today's Watchmode budget is used up: streaming releases return tomorrow.",
  disabled: "Watchmode is not configured (WATCHMODE_API_KEY), so streaming releases are not shown.",
  error: "Watchmode could not be reached.",
};

/** Coming soon: TMDb's upcoming movies for the region, and titles arriving on streaming services. */
export function ComingSoon() {
  const page = useSignal(1);
  useDefaultRegion(region);
  const currentRegion = region.value;
  const currentPage = page.value;
  const { data, loading, error } = useResource(
    currentRegion
      ? (abort) => api.streaming.comingSoon({ region: currentRegion, page: currentPage }, abort)
      : undefined,
    [currentRegion, currentPage],
  );

  const d = data.value;
  return (
    <section class="page coming-soon">
      <h1>Coming soon</h1>
      <div class="toolbar">
        {currentRegion && (
          <RegionSelect
            id="coming-soon-region"
            label="Region"
            value={currentRegion}
            onChange={(r) => {
              region.value = r;
              page.value = 1;
            }}
          />
        )}
      </div>
      <SourceNotice staleUpstream={d?.staleUpstream} />
      <ErrorMessage error={error.value} />

      <UpcomingSection data={d} loading={loading.value} currentPage={currentPage} page={page} />

      {d && (d.streamingReleases || d.streamingReleasesStatus) && <StreamingReleasesSection data={d} />}
      <AttributionFooter attribution={d?.attribution} />
    </section>
  );
}

function StreamingReleases({ releases }: { releases: StreamingRelease[] }) {
  return (
    <ul class="title-cards" aria-label="Streaming releases">
      {releases.map((r) => (
        <li key={`${r.watchmodeId}:${r.sourceId}`} class="title-card" aria-label={r.title}>
          <TitlePoster url={r.posterUrl} title={r.title} class="small" />
          <div class="title-card-body">
            <h3>{r.title}</h3>
            <p class="meta">
              {formatDate(r.releaseDate)} on <span class="chip">{r.sourceName}</span>
              {r.mediaType !== "movie" && <span class="muted"> TV</span>}
            </p>
            {r.mediaType === "movie" && r.tmdbId !== null && (
              <AddToLibrary tmdbId={r.tmdbId} title={r.title} inLibrary={r.inLibrary} />
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}

type ComingSoonData = WithStale<ComingSoonResponse>;

/** TMDb's upcoming movies for the region, a page at a time. */
function UpcomingSection({
  data: d,
  loading,
  currentPage,
  page,
}: {
  data: ComingSoonData | undefined;
  loading: boolean;
  currentPage: number;
  page: Signal<number>;
}) {
  return (
    <section aria-labelledby="upcoming-heading" class="settings-section">
      <h2 id="upcoming-heading">In cinemas soon</h2>
      {d?.dates && (
        <p class="hint">
          Releases in {regionName(d.region)} from {formatDate(d.dates.minimum)} to {formatDate(d.dates.maximum)}.
        </p>
      )}
      {loading && <p class="muted">Loading…</p>}
      {d && d.results.length === 0 && <p class="empty">Nothing announced for this region.</p>}
      <ul class="title-cards" aria-label="Upcoming movies">
        {d?.results.map((movie) => (
          <li key={movie.tmdbId} class="title-card" aria-label={movie.title}>
            <TitlePoster url={movie.posterUrl} title={movie.title} class="small" />
            <div class="title-card-body">
              <h3>
                {movie.title} {movie.year && <span class="year">({movie.year})</span>}
              </h3>
              <p class="meta">Release: {formatDate(movie.releaseDate)}</p>
              <AddToLibrary tmdbId={movie.tmdbId} title={movie.title} inLibrary={movie.inLibrary} />
            </div>
          </li>
        ))}
      </ul>
      {d && d.totalPages > 1 && (
        <div class="pager">
          <button
            type="button"
            disabled={currentPage <= 1 || loading}
            onClick={() => {
              page.value = currentPage - 1;
            }}
          >
            Previous
          </button>
          <span>
            Page {d.page} of {d.totalPages}
          </span>
          <button
            type="button"
            disabled={currentPage >= d.totalPages || loading}
            onClick={() => {
              page.value = currentPage + 1;
            }}
          >
            Next
          </button>
        </div>
      )}
    </section>
  );
}

/** Titles arriving on streaming services, or why Watchmode has none. */
function StreamingReleasesSection({ data: d }: { data: ComingSoonData }) {
  const releaseStatus = d.streamingReleasesStatus ?? "ok";
  return (
    <section aria-labelledby="streaming-releases-heading" class="settings-section">
      <h2 id="streaming-releases-heading">New on streaming services</h2>
      {releaseStatus !== "ok" && (
        <p class="notice" role="status">
          {RELEASE_STATUS_MESSAGES[releaseStatus] ?? `Watchmode: ${releaseStatus}`}
          {d.streamingReleasesMessage && <span class="muted"> ({d.streamingReleasesMessage})</span>}
        </p>
      )}
      {d.streamingReleases?.length === 0 && releaseStatus === "ok" && (
        <p class="muted">No streaming releases announced.</p>
      )}
      {d.streamingReleases && d.streamingReleases.length > 0 && <StreamingReleases releases={d.streamingReleases} />}
    </section>
  );
}
