import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { api } from "../api";
import { ErrorMessage } from "./ErrorMessage";
import { formatDateTime } from "./format";

/** What the Plex list's actions answer (src/providers/importLists/plexActions.ts). */
interface PlexSignInStart {
  oauthUrl: string;
  pinId: number;
  expiresAt: string | null;
}
type PlexSignInPoll =
  | { status: "pending"; pinId: number; expiresAt: string | null }
  | { status: "claimed"; pinId: number; accessToken: string };

type PlexSignInView =
  | { kind: "idle" }
  | { kind: "waiting"; pinId: number; expiresAt: string | null }
  | { kind: "signedIn" };

const POLL_INTERVAL_MS = 2000;
const FORM = { implementation: "PlexImport", fields: [] };

interface Props {
  /** Puts the sealed token the server answers into the Access Token field. */
  onToken: (sealedToken: string) => void;
}

/**
 * Sign in with Plex (Radarr's PIN flow): the server makes a PIN on plex.tv, Plex's sign-in page
 * opens in a window, and the form asks the server every 2 s whether the PIN has been claimed.
 * The token arrives sealed by the server (never in clear) and is kept when the list is saved.
 */
export function PlexSignIn({ onToken }: Props) {
  const view = useSignal<PlexSignInView>({ kind: "idle" });
  const error = useSignal<unknown>(undefined);
  const popup = useSignal<Window | null>(null);

  const start = async () => {
    error.value = undefined;
    // Opened on the click itself, so a popup blocker lets it through; pointed at Plex once the PIN exists.
    const opened = window.open("", "plex-sign-in", "width=600,height=720");
    popup.value = opened;
    try {
      const started = await api.importLists.action<PlexSignInStart>("startOAuth", FORM, {
        callbackUrl: window.location.href,
      });
      if (opened) opened.location.href = started.oauthUrl;
      else window.open(started.oauthUrl, "_blank", "noopener");
      view.value = { kind: "waiting", pinId: started.pinId, expiresAt: started.expiresAt };
    } catch (e) {
      opened?.close();
      error.value = e;
    }
  };

  const answered = (answer: PlexSignInPoll) => {
    if (answer.status === "claimed") {
      popup.value?.close();
      onToken(answer.accessToken);
      view.value = { kind: "signedIn" };
    } else view.value = { kind: "waiting", pinId: answer.pinId, expiresAt: answer.expiresAt };
  };
  const failed = (e: unknown) => {
    error.value = e;
    view.value = { kind: "idle" };
  };
  usePinPolling(view.value, answered, failed);

  const v = view.value;
  return (
    <div class="plex-sign-in">
      <button type="button" onClick={start} disabled={v.kind === "waiting"}>
        {v.kind === "signedIn" ? "Sign in again" : "Sign in with Plex"}
      </button>
      {v.kind === "waiting" && (
        <p class="muted" role="status">
          Waiting for Plex… sign in in the window that opened
          {v.expiresAt ? `; this sign-in expires at ${formatDateTime(v.expiresAt)}` : ""}.
        </p>
      )}
      {v.kind === "signedIn" && (
        <p class="trakt-result ok" role="status">
          Signed in with Plex. Save the list to keep the token.
        </p>
      )}
      <ErrorMessage error={error.value} />
    </div>
  );
}

/** While a PIN waits, asks the server once per interval; each answer schedules the next ask. */
function usePinPolling(
  view: PlexSignInView,
  onAnswer: (answer: PlexSignInPoll) => void,
  onFailure: (error: unknown) => void,
) {
  useEffect(() => {
    if (view.kind !== "waiting") return;
    let live = true;
    const timer = setTimeout(async () => {
      try {
        const answer = await api.importLists.action<PlexSignInPoll>("getOAuthToken", FORM, { pinId: view.pinId });
        if (live) onAnswer(answer);
      } catch (e) {
        if (live) onFailure(e);
      }
    }, POLL_INTERVAL_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [view]);
}
