/** Plex's list sources: the account watchlist (discover API) and the public watchlist RSS feed. */
export { type PlexRssSettings, parsePlexRss, plexRssSource } from "./rssSource";
export { type PlexListSettings, parsePlexWatchlist, plexWatchlistSource } from "./watchlistSource";
