import { type Signal, useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { api } from "../api";
import { ConfirmButton } from "./ConfirmButton";
import { ErrorMessage } from "./ErrorMessage";
import { formatDateTime } from "./format";
import { useResource } from "./useResource";

type TraktView =
  | { kind: "loading" }
  | { kind: "idle"; message?: string }
  | { kind: "waiting"; userCode: string; verificationUrl: string; interval: number; expiresAt: string }
  | { kind: "connected"; expiresAt: string | null; justNow: boolean };

/**
 * Trakt connect: starts the device flow, shows the code and where to enter it, polls at the
 * server's interval (which grows when Trakt says slow down) until connected, denied or expired.
 */
export function TraktConnect() {
  const { view: v, error, busy, connect, disconnect } = useTraktFlow();
  return (
    <section aria-labelledby="trakt-heading" class="settings-section trakt-connect">
      <h2 id="trakt-heading">Trakt</h2>
      <p class="hint">
        Connecting a Trakt account lets lists read your watchlist, collection and private lists, and adds Trakt's
        ranking to Trending.
      </p>
      {v.kind === "loading" && <p class="muted">Loading…</p>}
      {v.kind === "idle" && (
        <>
          {v.message && (
            <p class="trakt-result failed" role="status">
              Not connected: {v.message}
            </p>
          )}
          <p>Not connected.</p>
          <button type="button" class="primary" disabled={busy.value} onClick={connect}>
            {v.message ? "Start again" : "Connect Trakt"}
          </button>
        </>
      )}
      {v.kind === "waiting" && <DeviceCode waiting={v} />}
      {v.kind === "connected" && (
        <>
          <p class="trakt-result ok" role="status">
            {v.justNow ? "Connected to Trakt." : "Connected."}
            {v.expiresAt && <span class="muted"> The token renews itself before {formatDateTime(v.expiresAt)}.</span>}
          </p>
          <ConfirmButton label="Disconnect" description="Disconnect Trakt" busy={busy.value} onConfirm={disconnect} />
        </>
      )}
      <ErrorMessage error={error.value} />
    </section>
  );
}

type TraktStatus = Awaited<ReturnType<typeof api.trakt.status>>;

function viewOf(status: TraktStatus, { justNow = false, afterPoll = false } = {}): TraktView {
  if (status.connected) return { kind: "connected", expiresAt: status.expiresAt, justNow };
  if (status.polling) return { kind: "waiting", ...status.polling };
  // A flow that just stopped says why; an old error is not news on opening the page.
  return { kind: "idle", message: afterPoll ? status.lastError?.message : undefined };
}

/** The Trakt connection's state, loaded on opening, with connecting and disconnecting. */
function useTraktFlow() {
  // `error`: the load's failure, then the last action's.
  const { data: shown, error, loading } = useResource(async () => viewOf(await api.trakt.status()), []);
  const view: TraktView = shown.value ?? (loading.value ? { kind: "loading" } : { kind: "idle" });
  const busy = useSignal(false);

  const show = (status: TraktStatus, options?: { justNow?: boolean; afterPoll?: boolean }): void => {
    shown.value = viewOf(status, options);
  };

  useTraktPolling(shown, error, show);

  const connect = async () => {
    busy.value = true;
    error.value = undefined;
    try {
      const flow = await api.trakt.connect();
      shown.value = {
        kind: "waiting",
        userCode: flow.userCode,
        verificationUrl: flow.verificationUrl,
        interval: flow.interval,
        expiresAt: new Date(Date.now() + flow.expiresIn * 1000).toISOString(),
      };
    } catch (e) {
      error.value = e;
    } finally {
      busy.value = false;
    }
  };

  const disconnect = async () => {
    busy.value = true;
    error.value = undefined;
    try {
      show(await api.trakt.disconnect());
    } catch (e) {
      error.value = e;
    } finally {
      busy.value = false;
    }
  };
  return { view, error, busy, connect, disconnect };
}

/** While a device code waits, asks the server at its interval whether the user entered it. */
function useTraktPolling(
  view: Signal<TraktView | undefined>,
  error: Signal<unknown>,
  show: (status: TraktStatus, options: { justNow?: boolean; afterPoll?: boolean }) => void,
) {
  const waiting = view.value?.kind === "waiting" ? view.value : undefined;
  const userCode = waiting?.userCode;
  const interval = waiting?.interval;
  useEffect(() => {
    if (!userCode || !interval) return;
    let live = true;
    const timer = setTimeout(async () => {
      try {
        const status = await api.trakt.poll();
        if (live) show(status, { justNow: true, afterPoll: true });
      } catch (e) {
        if (!live) return;
        error.value = e;
        view.value = { kind: "idle" };
      }
    }, interval * 1000);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // A new poll is scheduled after each answer: the view object changes even when the code does not.
  }, [view.value]);
}

function DeviceCode({ waiting: v }: { waiting: Extract<TraktView, { kind: "waiting" }> }) {
  return (
    <section class="device-code" aria-label="Trakt device code">
      <p>
        Go to{" "}
        <a href={v.verificationUrl} target="_blank" rel="noreferrer">
          {v.verificationUrl}
        </a>{" "}
        and enter this code:
      </p>
      <p>
        Code: <strong class="user-code">{v.userCode}</strong>
      </p>
      <p class="muted" role="status">
        Waiting for Trakt… checking every {v.interval} s; the code expires at {formatDateTime(v.expiresAt)}.
      </p>
    </section>
  );
}
