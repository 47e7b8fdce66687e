/** Plex's list sources: the account watchlist (discover API) and the public watchlist RSS feed. */
export { parsePlexRss, plexRssSource } from "./rssSource";
export { parsePlexWatchlist, plexWatchlistSource } from "./watchlistSource";
