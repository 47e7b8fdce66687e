/**
 * Which IMDb title types are movies to a movie manager: as Radarr imports them, feature films,
 * TV movies and videos — not series, episodes, shorts, specials, games or podcasts. IMDb names
 * a type by id in its JSON and older exports ("tvMovie") and by label on its pages and newer
 * exports ("TV Movie"); both spellings are read here.
 */

const MOVIE_TITLE_TYPES = new Set(["movie", "featurefilm", "tvmovie", "video"]);

/** True for a movie type; a missing type counts as a movie (IMDb labels only the others). */
export function isMovieTitleType(type: string | null | undefined): boolean {
  const normalized = (type ?? "").toLowerCase().replace(/[^a-z]/g, "");
  return normalized === "" || MOVIE_TITLE_TYPES.has(normalized);
}
