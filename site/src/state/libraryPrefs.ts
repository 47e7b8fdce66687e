/**
 * The library's display choices this browser remembers (localStorage): the poster size and the
 * table's columns. The view itself is in state/library (it is also in the URL).
 */
import { signal } from "@preact/signals";

export type PosterSize = "small" | "medium" | "large";

/** Each size's card width; posters are 2:3. */
export const POSTER_SIZES: Record<PosterSize, { label: string; width: number }> = {
  small: { label: "Small", width: 112 },
  medium: { label: "Medium", width: 150 },
  large: { label: "Large", width: 200 },
};

const SIZE_KEY = "radarr-edge.library.posterSize";
const COLUMNS_KEY = "radarr-edge.library.columns";

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string) {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Storage refused (private mode): the choice still holds for this visit.
  }
}

function storedSize(): PosterSize {
  const stored = read(SIZE_KEY);
  return stored && stored in POSTER_SIZES ? (stored as PosterSize) : "medium";
}

export const posterSize = signal<PosterSize>(storedSize());

export function choosePosterSize(size: PosterSize) {
  posterSize.value = size;
  write(SIZE_KEY, size);
}

/** The optional columns shown, by key; `undefined` until chosen (the table's defaults apply). */
function storedColumns(): readonly string[] | undefined {
  try {
    const parsed: unknown = JSON.parse(read(COLUMNS_KEY) ?? "null");
    return Array.isArray(parsed) && parsed.every((k) => typeof k === "string") ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export const chosenColumns = signal<readonly string[] | undefined>(storedColumns());

export function chooseColumns(keys: readonly string[]) {
  chosenColumns.value = keys;
  write(COLUMNS_KEY, JSON.stringify(keys));
}
