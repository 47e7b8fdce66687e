/** TMDb's list sources: v4 lists, collections, people, keywords, companies and the movie rankings. */
export { type TMDbCollectionSettings, tmdbCollectionSource } from "./collection";
export { type TMDbCompanySettings, tmdbCompanySource } from "./company";
export { type TMDbKeywordSettings, tmdbKeywordSource } from "./keyword";
export { type TMDbListSettings, tmdbListSource } from "./list";
export { type TMDbPersonSettings, tmdbPersonSource } from "./person";
export { TMDB_POPULAR_LIST_TYPES, type TMDbPopularSettings, tmdbPopularSource } from "./popular";
