import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";

/** What a resource fetches; `undefined` while there is nothing to fetch yet (no search asked, no region known). */
type Load<T> = ((signal: AbortSignal) => Promise<T>) | undefined;

/**
 * The one way a page or component loads data: fetches with `load` whenever `deps` change and,
 * with `everyMs`, again on that interval while the tab is visible (and at once when it becomes
 * visible again). A newer fetch aborts an older one, so a slow answer never overwrites a fresh
 * one. `data` keeps the last answer while a new one loads (`loading`); `error` is the last
 * fetch's failure, cleared by the next success; `reload()` fetches now. `data` may be set
 * directly, e.g. to what a save answered.
 *
 * Loading on demand (a search, a parse): pass no `load` until there is something to fetch, and
 * put what is asked in `deps`; the resource is idle meanwhile (no data, no error, not loading).
 * `delayMs` waits that long after `deps` change before fetching (a search typed letter by letter).
 */
export function useResource<T>(
  load: Load<T>,
  deps: unknown[],
  { everyMs, delayMs }: { everyMs?: number; delayMs?: number } = {},
) {
  const data = useSignal<T | undefined>(undefined);
  const error = useSignal<unknown>(undefined);
  const loading = useSignal(Boolean(load));
  const version = useSignal(0);

  useEffect(() => {
    if (!load) {
      data.value = undefined;
      error.value = undefined;
      loading.value = false;
      return;
    }
    let controller: AbortController | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const schedule = () => {
      if (everyMs && !stopped && document.visibilityState === "visible") timer = setTimeout(fetchNow, everyMs);
    };
    const fetchNow = async () => {
      clearTimeout(timer);
      controller?.abort();
      const current = new AbortController();
      controller = current;
      loading.value = true;
      try {
        const answer = await load(current.signal);
        // A load that ignores its signal still must not overwrite a newer fetch's answer.
        if (current.signal.aborted) return;
        data.value = answer;
        error.value = undefined;
      } catch (e) {
        if (current.signal.aborted) return;
        if ((e as Error).name !== "AbortError") error.value = e;
      }
      loading.value = false;
      schedule();
    };
    const onVisibility = () => {
      clearTimeout(timer);
      if (document.visibilityState === "visible") void fetchNow();
    };
    if (delayMs) timer = setTimeout(fetchNow, delayMs);
    else void fetchNow();
    if (everyMs) document.addEventListener("visibilitychange", onVisibility);
    return () => {
      stopped = true;
      clearTimeout(timer);
      controller?.abort();
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [...deps, Boolean(load), version.value]);

  return {
    data,
    error,
    loading,
    reload: () => {
      version.value++;
    },
  };
}
