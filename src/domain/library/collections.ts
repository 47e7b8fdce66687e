/**
 * TMDb collections (franchises) of library movies, as Radarr keeps them: a collection lists its
 * parts; a monitored one adds the parts missing from the library (not excluded, released in some
 * form) with its own quality profile, root folder and minimum availability.
 */

/** One movie of a collection, as TMDb's /3/collection/{id} lists it (the fields kept). */
export interface CollectionPart {
  tmdbId: number;
  title: string;
  originalTitle: string;
  overview: string;
  releaseDate: string | null;
  posterPath: string | null;
  backdropPath: string | null;
  popularity: number;
  voteAverage: number;
  voteCount: number;
  genreIds: number[];
}

export interface CollectionImage {
  coverType: string;
  url: string;
  remoteUrl: string;
}

/** The parts a monitored collection would add: not in the library and not excluded from imports. */
export function missingParts(parts: CollectionPart[], inLibrary: Set<number>, excluded: Set<number>): CollectionPart[] {
  return parts.filter((p) => !inLibrary.has(p.tmdbId) && !excluded.has(p.tmdbId));
}

/** TMDb's image CDN addresses of a poster and a backdrop, as Radarr's MediaCover list names them. */
export function tmdbImages(
  imageBase: string,
  posterPath: string | null | undefined,
  backdropPath: string | null | undefined,
): CollectionImage[] {
  const base = imageBase.replace(/\/$/, "");
  const out: CollectionImage[] = [];
  for (const [coverType, path] of [
    ["poster", posterPath],
    ["fanart", backdropPath],
  ] as const) {
    if (path) out.push({ coverType, url: `${base}/t/p/w500${path}`, remoteUrl: `${base}/t/p/original${path}` });
  }
  return out;
}
