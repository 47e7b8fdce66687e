import { useSignal } from "@preact/signals";
import { api, type CustomFilter, errorMessage } from "../api";
import { type LibraryFilters, NO_FILTERS } from "../state/library";
import { useResource } from "./useResource";

/** Radarr's custom filter type for the movie index. */
const MOVIE_INDEX = "movieIndex";

/** The filters that are set, as Radarr's custom filter terms. */
const termsOf = (filters: LibraryFilters) =>
  Object.entries(filters)
    .filter(([, value]) => value !== "")
    .map(([key, value]) => ({ key, value, type: "equal" }));

/** A saved filter's terms over no filters; terms this page does not know are left out. */
function filtersOf(saved: CustomFilter): LibraryFilters {
  const filters: Record<string, string> = { ...NO_FILTERS };
  for (const term of saved.filters) {
    if (typeof term.key === "string" && term.key in filters && typeof term.value === "string")
      filters[term.key] = term.value;
  }
  return filters as unknown as LibraryFilters;
}

/** Saved filters of the library (Radarr's custom filters): choose one, save the current ones, delete one. */
export function SavedFilters({ filters, onChoose }: { filters: LibraryFilters; onChoose(f: LibraryFilters): void }) {
  const saved = useResource((signal) => api.customFilters.list(signal), []);
  const chosen = useSignal("");
  const label = useSignal("");
  const problem = useSignal("");
  const mine = (saved.data.value ?? []).filter((f) => f.type === MOVIE_INDEX);
  const run = async (action: () => Promise<unknown>) => {
    problem.value = "";
    try {
      await action();
      saved.reload();
    } catch (error) {
      problem.value = errorMessage(error);
    }
  };
  const choose = (id: string) => {
    chosen.value = id;
    const filter = mine.find((f) => String(f.id) === id);
    if (filter) onChoose(filtersOf(filter));
  };
  const save = () =>
    run(async () => {
      const created = await api.customFilters.add({
        type: MOVIE_INDEX,
        label: label.value.trim(),
        filters: termsOf(filters),
      });
      chosen.value = String(created.id);
      label.value = "";
    });
  return (
    <>
      <label class="field">
        <span>Saved filters</span>
        <select value={chosen.value} onChange={(e) => choose(e.currentTarget.value)}>
          <option value="">Choose…</option>
          {mine.map((f) => (
            <option key={f.id} value={String(f.id)}>
              {f.label}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        class="ghost"
        disabled={chosen.value === ""}
        onClick={() =>
          run(async () => {
            await api.customFilters.remove(Number(chosen.value));
            chosen.value = "";
          })
        }
      >
        Delete saved filter
      </button>
      <label class="field">
        <span>Save filters as</span>
        <input value={label.value} maxLength={200} onInput={(e) => (label.value = e.currentTarget.value)} />
      </label>
      <button
        type="button"
        class="ghost"
        disabled={label.value.trim() === "" || termsOf(filters).length === 0}
        onClick={save}
      >
        Save filters
      </button>
      {problem.value && <span role="alert">{problem.value}</span>}
    </>
  );
}
