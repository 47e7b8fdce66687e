import { useSignal } from "@preact/signals";
import { useStackedTableLabels } from "../stackedTables";
import { MovieCastTab, MovieTitlesTab } from "./MovieCreditsTab";
import { MovieFilesTab } from "./MovieFilesTab";
import { MovieHistoryTab } from "./MovieHistoryTab";

const TABS = [
  { key: "files", label: "Files" },
  { key: "history", label: "History" },
  { key: "titles", label: "Titles" },
  { key: "cast", label: "Cast & crew" },
] as const;
type TabKey = (typeof TABS)[number]["key"];

const PANEL_ID = "movie-tab-panel";

/** Arrow keys move between tabs, as a tab list's keyboard users expect. */
function nextTab(current: TabKey, key: string): TabKey | undefined {
  const index = TABS.findIndex((t) => t.key === current);
  if (key === "ArrowRight") return TABS[(index + 1) % TABS.length].key;
  if (key === "ArrowLeft") return TABS[(index - 1 + TABS.length) % TABS.length].key;
  return undefined;
}

/** The movie's files, history, alternative titles and cast & crew, one tab at a time; tables stack as cards on a phone. */
export function MovieTabs({ movieId, onChanged }: { movieId: number; onChanged: () => void }) {
  const tab = useSignal<TabKey>("files");
  useStackedTableLabels(PANEL_ID);
  const current = TABS.find((t) => t.key === tab.value) ?? TABS[0];
  return (
    <section class="movie-tabs" aria-label="Files, history, titles and credits">
      <div role="tablist" class="tabs" aria-label="Movie sections">
        {TABS.map((t) => (
          <button
            key={t.key}
            type="button"
            role="tab"
            id={`movie-tab-${t.key}`}
            aria-selected={t.key === tab.value}
            aria-controls={PANEL_ID}
            tabIndex={t.key === tab.value ? 0 : -1}
            onClick={() => {
              tab.value = t.key;
            }}
            onKeyDown={(e) => {
              const next = nextTab(t.key, e.key);
              if (!next) return;
              tab.value = next;
              document.getElementById(`movie-tab-${next}`)?.focus();
            }}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={PANEL_ID} aria-labelledby={`movie-tab-${current.key}`} class="tab-panel">
        {current.key === "files" && <MovieFilesTab movieId={movieId} onChanged={onChanged} />}
        {current.key === "history" && <MovieHistoryTab movieId={movieId} />}
        {current.key === "titles" && <MovieTitlesTab movieId={movieId} />}
        {current.key === "cast" && <MovieCastTab movieId={movieId} />}
      </div>
    </section>
  );
}
