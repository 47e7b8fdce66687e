/** Trakt's list sources: users' lists, a user's watchlist/watched/collection, and the movie charts. */
export { type TraktListSettings, traktListSlug, traktListSource } from "./list";
export { TRAKT_POPULAR_LIST_TYPES, type TraktPopularSettings, traktPopularSource } from "./popular";
export { TRAKT_MAX_PAGE_SIZE, TRAKT_REQUESTS_PER_SECOND } from "./request";
export { TRAKT_USER_LIST_TYPES, type TraktUserSettings, traktUserSource } from "./user";
