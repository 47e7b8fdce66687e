/**
 * The logos the data sources' terms ask to be shown beside their data, drawn here (no image is
 * fetched: the site works offline, and the Content-Security-Policy allows no other image hosts).
 * TMDb: its logo with "This product uses the TMDB API but is not endorsed or certified by TMDB";
 * JustWatch: its name and logo, linked, beside the watch-provider data it supplies through TMDb.
 */

/** TMDb's logo (their wordmark colours). */
export function TmdbLogo() {
  return (
    <svg class="source-logo tmdb-logo" viewBox="0 0 120 24" width="80" height="16" role="img" aria-label="TMDb logo">
      <defs>
        <linearGradient id="tmdb-gradient" x1="0" x2="1" y1="0" y2="0">
          <stop offset="0" stop-color="#90cea1" />
          <stop offset="0.56" stop-color="#3cbec9" />
          <stop offset="1" stop-color="#00b3e5" />
        </linearGradient>
      </defs>
      <rect x="0" y="2" width="120" height="20" rx="10" fill="url(#tmdb-gradient)" />
      <text x="60" y="17" text-anchor="middle" font-size="14" font-weight="700" fill="#0d253f" font-family="sans-serif">
        TMDB
      </text>
    </svg>
  );
}

/** JustWatch's logo (their yellow wordmark on their dark blue, with the play mark). */
export function JustWatchLogo() {
  return (
    <svg
      class="source-logo justwatch-logo"
      viewBox="0 0 120 24"
      width="80"
      height="16"
      role="img"
      aria-label="JustWatch logo"
    >
      <rect x="0" y="0" width="120" height="24" rx="4" fill="#0a151f" />
      <path d="M8 6 L18 12 L8 18 Z" fill="#fbc500" />
      <text x="68" y="17" text-anchor="middle" font-size="14" font-weight="700" fill="#fbc500" font-family="sans-serif">
        JustWatch
      </text>
    </svg>
  );
}
