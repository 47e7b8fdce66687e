import { useSignal } from "@preact/signals";
import { ApiError, api, type StreamingAvailability, type StreamingConfig } from "../api";
import { Link } from "../router";
import { loadStreamingSettings } from "../state/streaming";
import { ErrorMessage } from "./ErrorMessage";
import { AttributionFooter, OfferChips, regionName, SourceNotice, subscribedService } from "./streaming";
import { useResource } from "./useResource";

const WATCHMODE_MESSAGES: Record<string, string> = {
  notMapped: "Watchmode does not know this title.",
  budgetExhausted: "Today's Watchmode budget is used up; its sources show again tomorrow.",
  disabled: "Watchmode is not configured.",
  error: "Watchmode could not be reached.",
};

const OFFER_WORDS: Record<string, string> = { flatrate: "with a subscription", free: "for free", ads: "free with ads" };

/**
 * Where a library movie can be watched in the streaming region, and whether that makes the
 * release decision skip it: on a subscribed service (as a counted offer type) downloads are
 * skipped, the same rule the decision engine applies.
 */
export function WhereToWatch({
  tmdbId,
  title,
  unmonitoredFor,
}: {
  tmdbId: number;
  title: string;
  /** The service a list named when it added the movie unmonitored. */
  unmonitoredFor?: string;
}) {
  const settings = useSignal<StreamingConfig | undefined>(undefined);
  const { data: availability, error } = useResource(
    async (signal) => {
      const s = await loadStreamingSettings();
      settings.value = s;
      // The movie page is where Watchmode's 33 calls a day are spent (cached 24 h per title).
      return api.streaming.availability(tmdbId, { region: s.region, type: "movie", watchmode: true, title }, signal);
    },
    [tmdbId],
  );

  const a = availability.value;
  const s = settings.value;
  const unknownTitle = error.value instanceof ApiError && error.value.status === 404;
  const service = a && s ? subscribedService(a.offers, s.subscribedProviderIds, s.offerTypes) : null;
  const watchmode = a?.watchmode;

  return (
    <section aria-labelledby="watch-heading" class="where-to-watch">
      <h2 id="watch-heading">Where to watch{s ? ` in ${regionName(s.region)}` : ""}</h2>
      {unknownTitle ? (
        <p class="muted">TMDb has no watch providers for this movie.</p>
      ) : (
        <ErrorMessage error={error.value} />
      )}
      {!a && !error.value && <p class="muted">Loading…</p>}
      {a && <SourceNotice staleUpstream={a.staleUpstream} />}
      {a && service && (
        <p class="streaming-decision" role="note">
          <span class="badge ok">On {service.name}</span> Streams on {service.name} {OFFER_WORDS[service.type] ?? ""}, a
          service you subscribe to: downloads of {title} are skipped (releases are rejected).
        </p>
      )}
      {a && !service && s && s.subscribedProviderIds.length === 0 && (
        <p class="hint">
          Choose your services in <Link href="/settings/streaming">Settings › Streaming</Link> to skip downloading what
          you can stream.
        </p>
      )}
      {unmonitoredFor && (
        <p class="hint">A list added this movie unmonitored because it streamed on {unmonitoredFor}.</p>
      )}
      {a &&
        (a.available ? (
          <OfferChips
            title={title}
            offers={a.offers}
            link={a.link}
            highlight={new Set(s?.subscribedProviderIds ?? [])}
          />
        ) : (
          <p class="muted">Not available to stream, rent or buy in {regionName(a.region)}.</p>
        ))}
      {watchmode && <WatchmodeSources watchmode={watchmode} />}
      {a && <AttributionFooter attribution={a.attribution} />}
    </section>
  );
}

type Watchmode = NonNullable<StreamingAvailability["watchmode"]>;

/** What Watchmode lists for the title, or why it lists nothing. */
function WatchmodeSources({ watchmode }: { watchmode: Watchmode }) {
  return (
    <div class="watchmode">
      <h3>Watchmode sources</h3>
      {watchmode.status !== "ok" && (
        <p class="muted">{watchmode.message ?? WATCHMODE_MESSAGES[watchmode.status] ?? watchmode.status}</p>
      )}
      {watchmode.sources.length > 0 && (
        <ul class="watchmode-sources" aria-label="Watchmode sources">
          {watchmode.sources.map((source) => (
            <li key={`${source.sourceId}:${source.type}:${source.format ?? ""}`}>
              {source.webUrl ? (
                <a href={source.webUrl} target="_blank" rel="noreferrer">
                  {source.name}
                </a>
              ) : (
                source.name
              )}{" "}
              <span class="muted">
                {[source.type, source.format, source.price ? `${source.price.toFixed(2)}` : null]
                  .filter(Boolean)
                  .join(" · ")}
              </span>
            </li>
          ))}
        </ul>
      )}
      {watchmode.status === "ok" && watchmode.sources.length === 0 && (
        <p class="muted">Watchmode lists no sources in this region.</p>
      )}
    </div>
  );
}
