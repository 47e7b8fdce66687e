import { useSignal } from "@preact/signals";
import { chooseColumns, chosenColumns } from "../state/libraryPrefs";
import { DEFAULT_COLUMNS, MOVIE_COLUMNS } from "./movieColumns";

/**
 * The table's column chooser: a disclosure of check boxes, remembered in this browser. The boxes
 * exist only while it is open, so "Monitored" and the like name one control on the page.
 */
export function ColumnChooser() {
  const open = useSignal(false);
  const shown = new Set(chosenColumns.value ?? DEFAULT_COLUMNS);
  const toggle = (key: string, on: boolean) => {
    const next = MOVIE_COLUMNS.map((c) => c.key).filter((k) => (k === key ? on : shown.has(k)));
    chooseColumns(next);
  };
  return (
    <details
      class="column-chooser"
      open={open.value}
      onToggle={(e) => {
        open.value = e.currentTarget.open;
      }}
    >
      <summary>Columns</summary>
      {open.value && (
        <fieldset>
          <legend class="visually-hidden">Columns shown</legend>
          {MOVIE_COLUMNS.map((c) => (
            <label key={c.key} class="check">
              <input
                type="checkbox"
                checked={shown.has(c.key)}
                onChange={(e) => toggle(c.key, e.currentTarget.checked)}
              />
              {c.label}
            </label>
          ))}
          <button type="button" class="ghost" onClick={() => chooseColumns(DEFAULT_COLUMNS)}>
            Reset columns
          </button>
        </fieldset>
      )}
    </details>
  );
}
