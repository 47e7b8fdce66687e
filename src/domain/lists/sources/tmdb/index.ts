/** TMDb's list sources: v4 lists, collections, people, keywords, companies and the movie rankings. */
export { tmdbCollectionSource } from "./collection";
export { tmdbCompanySource } from "./company";
export { tmdbKeywordSource } from "./keyword";
export { tmdbListSource } from "./list";
export { tmdbPersonSource } from "./person";
export { tmdbPopularSource } from "./popular";
