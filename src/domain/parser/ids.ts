const IMDB_ID = /(?<imdbid>tt\d{7,8})/i;
const TMDB_ID = /tmdb(?:id)?-(?<tmdbid>\d+)/i;
const IMDB_ID_INPUT = /^(?:\d{1,10}|tt\d{1,10})$/;
/** A torrent info hash: 40 hex digits (SHA-1) standing alone between separators. */
const INFO_HASH = /(?<![0-9a-f])[0-9a-f]{40}(?![0-9a-f])/i;

const INFO_HASH_LENGTH = 40;

function isHexDigit(code: number): boolean {
  const c = code | 0x20; // ASCII letters to lower case; digits are unchanged.
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102);
}

/**
 * True when the text holds a run of at least `length` hex digits: a cheap test before the regex.
 * It reads a window's last character first and skips a whole window past any non-hex character,
 * so a name is read a few characters per window rather than in full.
 */
function hasHexRun(text: string, length: number): boolean {
  let end = length - 1;
  while (end < text.length) {
    let k = end;
    while (k > end - length && isHexDigit(text.charCodeAt(k))) k--;
    if (k === end - length) return true;
    end = k + length;
  }
  return false;
}

/** The IMDb id a release name embeds ("tt1234567"), or "". */
export function parseImdbId(title: string): string {
  const imdbId = IMDB_ID.exec(title)?.groups?.imdbid ?? "";
  return imdbId.length === 9 || imdbId.length === 10 ? imdbId : "";
}

/** The TMDb id a release name embeds ("{tmdb-43074}", "tmdbid-43074"), or 0. */
export function parseTmdbId(title: string): number {
  const tmdbId = TMDB_ID.exec(title)?.groups?.tmdbid;
  if (tmdbId === undefined) return 0;
  const id = Number(tmdbId);
  return Number.isSafeInteger(id) && id <= 2_147_483_647 ? id : 0;
}

/** "123" or "tt123" as Radarr stores IMDb ids ("tt0000123"); "" for anything else. */
export function normalizeImdbId(value: string): string {
  if (!IMDB_ID_INPUT.test(value) || value.length <= 2) return "";
  return `tt${value.replace("tt", "").padStart(7, "0")}`;
}

/** A torrent info hash found in a name or path, lower-cased; "" when there is none. */
export function parseInfoHash(text: string): string {
  if (!hasHexRun(text, INFO_HASH_LENGTH)) return "";
  return INFO_HASH.exec(text)?.[0].toLowerCase() ?? "";
}
