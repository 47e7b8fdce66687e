const LEADING_ARTICLE = /^(the|a|an)\s+/i;

function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

/** The title as the library sorts it: lower case, accents folded, leading article dropped. */
export function sortTitle(title: string): string {
  return fold(title)
    .replace(/[^\p{L}\p{N}\s]/gu, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(LEADING_ARTICLE, "");
}

/** Radarr's clean title: letters and digits only, lower case; what title searches match. */
export function cleanTitle(title: string): string {
  return fold(title).replace(/[^\p{L}\p{N}]/gu, "");
}

/** A file-system-safe folder name, Radarr's default `{Movie Title} ({Release Year})`. */
export function movieFolderName(title: string, year: number): string {
  const safe = title
    .replace(/[\\/:*?"<>|]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return year > 0 ? `${safe} (${year})` : safe;
}
