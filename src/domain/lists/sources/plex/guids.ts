/**
 * Plex names a title's ids in other databases as guids: "imdb://tt0133093", "tmdb://603",
 * "tvdb://169" (and its own "plex://movie/…"). This picks out the IMDb and TMDb ids.
 */
export interface ExternalIds {
  imdbId?: string;
  tmdbId?: number;
}

export function externalIds(guids: Iterable<string>): ExternalIds {
  const ids: ExternalIds = {};
  for (const guid of guids) {
    const imdb = /^imdb:\/\/(tt\d{7,})\b/i.exec(guid.trim());
    if (imdb && !ids.imdbId) ids.imdbId = imdb[1].toLowerCase();
    const tmdb = /^tmdb:\/\/(\d+)$/i.exec(guid.trim());
    if (tmdb && !ids.tmdbId && Number(tmdb[1]) > 0) ids.tmdbId = Number(tmdb[1]);
  }
  return ids;
}
