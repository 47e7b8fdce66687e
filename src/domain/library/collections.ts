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
