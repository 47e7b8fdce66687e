import { useState } from "preact/hooks";
import type { Movie } from "../api";

/**
 * Only absolute URLs are loaded: generated and imported rows may carry a bare TMDb path, which
 * this origin would answer with the site's index page rather than an image.
 */
const loadable = (url: string | undefined) => (url && /^https?:\/\//.test(url) ? url : undefined);

/** TMDb's image address in the width a card shows (w500) rather than the original file. */
const sized = (url: string | undefined) => url?.replace("/t/p/original/", "/t/p/w500/");

/**
 * A library movie's `url` is its cover path under the API (`/MediaCover/…`, as Radarr's, for
 * clients that fetch through the API key); the site loads TMDb's address straight from the CDN.
 */
export function imageUrl(movie: Movie, coverType: "poster" | "fanart"): string | undefined {
  const image = movie.images.find((i) => i.coverType === coverType);
  return (
    loadable(image?.url) ??
    loadable(sized(image?.remoteUrl)) ??
    (coverType === "poster" ? loadable(sized(movie.remotePoster)) : undefined)
  );
}

/** A movie's poster, or a labelled placeholder when it has none or the image fails to load. */
export function Poster({ movie, class: className = "" }: { movie: Movie; class?: string }) {
  const url = imageUrl(movie, "poster");
  return <PosterImage key={url} url={url} title={movie.title} className={className} />;
}

/** A poster from a bare URL (trending and coming-soon titles carry one rather than a movie's images). */
export function TitlePoster({
  url,
  title,
  class: className = "",
}: {
  url: string | null;
  title: string;
  class?: string;
}) {
  const loadableUrl = loadable(url ?? undefined);
  return <PosterImage key={loadableUrl} url={loadableUrl} title={title} className={className} />;
}

function PosterImage({ url, title, className }: { url: string | undefined; title: string; className: string }) {
  const [failed, setFailed] = useState(false);
  if (!url || failed) {
    return (
      <div class={`poster poster-placeholder ${className}`} role="img" aria-label={`No poster for ${title}`}>
        <span>{title}</span>
      </div>
    );
  }
  return (
    <img
      class={`poster ${className}`}
      src={url}
      alt={`Poster of ${title}`}
      loading="lazy"
      decoding="async"
      onError={() => setFailed(true)}
    />
  );
}
