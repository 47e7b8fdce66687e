import { useSignal } from "@preact/signals";

/**
 * YouTube's no-cookie host: the one frame the site's Content-Security-Policy allows (frame-src in
 * src/api/middleware/securityHeaders.ts), with autoplay and full screen for it alone.
 */
const PLAYER = "https://www.youtube-nocookie.com/embed";

/**
 * The movie's trailer: a button until pressed, so opening the page asks YouTube for nothing;
 * pressed, the player is embedded and starts. The frame sends the site's origin as referrer
 * (YouTube's player refuses to play without one; the page itself sends none).
 */
export function Trailer({ youTubeId, title }: { youTubeId: string; title: string }) {
  const open = useSignal(false);
  if (!youTubeId) return null;
  if (!open.value) {
    return (
      <button
        type="button"
        onClick={() => {
          open.value = true;
        }}
      >
        Play trailer
      </button>
    );
  }
  return (
    <div class="trailer">
      <iframe
        src={`${PLAYER}/${encodeURIComponent(youTubeId)}?autoplay=1&rel=0`}
        title={`Trailer: ${title}`}
        allow="autoplay; encrypted-media; fullscreen; picture-in-picture"
        allowFullScreen
        referrerpolicy="strict-origin-when-cross-origin"
      />
      <button
        type="button"
        class="ghost"
        onClick={() => {
          open.value = false;
        }}
      >
        Close trailer
      </button>
    </div>
  );
}
