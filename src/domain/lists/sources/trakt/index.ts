/** Trakt's list sources: users' lists, a user's watchlist/watched/collection, and the movie charts. */
export { traktListSlug, traktListSource } from "./list";
export { traktPopularSource } from "./popular";
export { TRAKT_MAX_PAGE_SIZE } from "./request";
export { traktUserSource } from "./user";
