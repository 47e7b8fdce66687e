import { useSignal } from "@preact/signals";
import { discoverApi } from "../api/discover";
import { DiscoverRow } from "../components/DiscoverRow";
import { ErrorMessage } from "../components/ErrorMessage";
import { useResource } from "../components/useResource";

type Chosen = { kind: "genre" | "studio"; id: number; name: string };

/**
 * Discover, in the spirit of Overseerr: rows of what is trending, popular, top rated and
 * upcoming, recommendations from the library, and a row for any genre or studio picked from the
 * chips. Every row loads as it scrolls into view; each movie opens a page to add it from.
 */
export function Discover() {
  const chosen = useSignal<Chosen | undefined>(undefined);
  const genres = useResource((signal) => discoverApi.genres(signal), []);
  const studios = useResource((signal) => discoverApi.studios(signal), []);
  const seedsNote = useSignal<string | undefined>(undefined);
  const pick = (next: Chosen) => {
    const same = chosen.value?.kind === next.kind && chosen.value.id === next.id;
    chosen.value = same ? undefined : next;
  };
  const pickedRow = chosen.value;

  return (
    <section class="page discover">
      <h1>Discover</h1>
      <ChipBar
        label="Genres"
        items={genres.data.value?.genres ?? []}
        chosen={pickedRow?.kind === "genre" ? pickedRow.id : undefined}
        onPick={(g) => pick({ kind: "genre", ...g })}
      />
      <ErrorMessage error={genres.error.value} />
      <ChipBar
        label="Studios"
        items={studios.data.value?.studios ?? []}
        chosen={pickedRow?.kind === "studio" ? pickedRow.id : undefined}
        onPick={(s) => pick({ kind: "studio", ...s })}
      />
      {pickedRow && (
        <DiscoverRow
          key={`${pickedRow.kind}:${pickedRow.id}`}
          title={pickedRow.name}
          load={(page, signal) =>
            pickedRow.kind === "genre"
              ? discoverApi.genre(pickedRow.id, page, signal)
              : discoverApi.studio(pickedRow.id, page, signal)
          }
        />
      )}
      <DiscoverRow
        title="Because it's in your library"
        note={seedsNote.value}
        empty="No recommendations yet: they come from the movies last added to your library."
        load={async (_page, signal) => {
          const { seeds, results } = await discoverApi.recommended(signal);
          if (seeds.length) seedsNote.value = `For people who liked ${seeds.map((s) => s.title).join(", ")}`;
          return { row: "recommended", name: "", page: 1, totalPages: 1, totalResults: results.length, results };
        }}
      />
      <DiscoverRow title="Trending this week" load={(page, signal) => discoverApi.row("trending", page, signal)} />
      <DiscoverRow title="Popular" load={(page, signal) => discoverApi.row("popular", page, signal)} />
      <DiscoverRow title="Top rated" load={(page, signal) => discoverApi.row("topRated", page, signal)} />
      <DiscoverRow title="Upcoming" load={(page, signal) => discoverApi.row("upcoming", page, signal)} />
      <p class="muted attribution-note">
        Movie data from TMDb. This product uses the TMDB API but is not endorsed or certified by TMDB.
      </p>
    </section>
  );
}

/** A wrapping row of toggle chips; the chosen one shows its row above the others. */
function ChipBar<T extends { id: number; name: string }>({
  label,
  items,
  chosen,
  onPick,
}: {
  label: string;
  items: readonly T[];
  chosen: number | undefined;
  onPick: (item: T) => void;
}) {
  if (items.length === 0) return null;
  return (
    <fieldset class="discover-chips">
      <legend class="discover-chips-label">{label}</legend>
      {items.map((item) => (
        <button
          key={item.id}
          type="button"
          class={`chip-button${chosen === item.id ? " chosen" : ""}`}
          aria-pressed={chosen === item.id}
          onClick={() => onPick(item)}
        >
          {item.name}
        </button>
      ))}
    </fieldset>
  );
}
