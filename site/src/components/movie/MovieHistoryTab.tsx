import { movieDetailApi } from "../../api/movieDetail";
import { EVENT_BADGES, HISTORY_EVENT_LABELS } from "../ActivityHistory";
import { ErrorMessage } from "../ErrorMessage";
import { formatDateTime } from "../format";
import { useResource } from "../useResource";

/** The movie's grabs, imports, upgrades, failures and deletions, newest first (`/history/movie`). */
export function MovieHistoryTab({ movieId }: { movieId: number }) {
  const { data, error } = useResource((signal) => movieDetailApi.history(movieId, signal), [movieId]);
  const events = data.value;
  if (error.value) return <ErrorMessage error={error.value} />;
  if (!events) return <p class="muted">Loading…</p>;
  if (events.length === 0) return <p class="muted">Nothing has happened to this movie yet.</p>;
  return (
    <table class="plain" aria-label="Movie history">
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Event</th>
          <th scope="col">Release</th>
          <th scope="col">Quality</th>
          <th scope="col">Languages</th>
          <th scope="col">Formats</th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => (
          <tr key={event.id}>
            <td>{formatDateTime(event.date)}</td>
            <td>
              <span class={`badge ${EVENT_BADGES[event.eventType] ?? ""}`}>
                {HISTORY_EVENT_LABELS[event.eventType] ?? event.eventType}
              </span>
            </td>
            <td class="release-title wrap">{event.sourceTitle}</td>
            <td>
              {event.fromQuality && event.fromQuality.quality.id !== event.quality.quality.id
                ? `${event.fromQuality.quality.name} → ${event.quality.quality.name}`
                : event.quality.quality.name}
            </td>
            <td>{event.languages.map((l) => l.name).join(", ") || "—"}</td>
            <td>
              {event.customFormats.map((f) => f.name).join(", ") || "—"} ({event.customFormatScore})
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
