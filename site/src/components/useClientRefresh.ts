import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { api } from "../api";

const POLL_COMMAND = "RefreshMonitoredDownloads";
/** How long a poll of the clients may take before the page stops waiting for it. */
const POLL_WAIT_MS = 20_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Asks the server to poll the download clients now (the cron's command) and waits for it to end. */
async function pollClients(stopped: () => boolean): Promise<void> {
  let command = await api.commands.run(POLL_COMMAND);
  const deadline = Date.now() + POLL_WAIT_MS;
  while ((command.status === "queued" || command.status === "started") && !stopped() && Date.now() < deadline) {
    await sleep(400);
    command = await api.commands.get(command.id);
  }
  if (command.status === "failed") throw new Error(command.message ?? "Polling the download clients failed");
}

/**
 * While someone watches the queue, the download clients are polled every `everyMs` (and once at
 * the start), so progress moves between the scheduled 5-minute polls; `onPolled` runs after each
 * poll (re-read the queue). Paused while the tab is hidden, stopped when the component goes.
 * `refresh()` polls now; `refreshing` and `error` describe the latest poll.
 */
export function useClientRefresh(everyMs: number, onPolled: () => void) {
  const refreshing = useSignal(false);
  const error = useSignal<unknown>(undefined);
  const pollNow = useRef<() => void>(() => undefined);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      clearTimeout(timer);
      if (!stopped && document.visibilityState === "visible") timer = setTimeout(poll, everyMs);
    };
    const poll = async () => {
      clearTimeout(timer);
      if (refreshing.value || stopped) return;
      refreshing.value = true;
      try {
        await pollClients(() => stopped);
        error.value = undefined;
      } catch (e) {
        error.value = e;
      } finally {
        refreshing.value = false;
      }
      if (stopped) return;
      onPolled();
      schedule();
    };
    const onVisibility = () => {
      clearTimeout(timer);
      if (document.visibilityState === "visible") void poll();
    };
    pollNow.current = () => void poll();
    void poll();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [everyMs]);
  return { refreshing, error, refresh: () => pollNow.current() };
}
