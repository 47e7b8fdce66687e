import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";

/**
 * The one way a page or component loads data: fetches with `load` whenever `deps` change and,
 * with `everyMs`, again on that interval while the tab is visible (and at once when it becomes
 * visible again). A newer fetch aborts an older one, so a slow answer never overwrites a fresh
 * one. `data` keeps the last answer while a new one loads (`loading`); `error` is the last
 * fetch's failure, cleared by the next success; `reload()` fetches now. `data` may be set
 * directly, e.g. to what a save answered.
 */
export function useResource<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: unknown[],
  { everyMs }: { everyMs?: number } = {},
) {
  const data = useSignal<T | undefined>(undefined);
  const error = useSignal<unknown>(undefined);
  const loading = useSignal(true);
  const version = useSignal(0);

  useEffect(() => {
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
        data.value = await load(current.signal);
        error.value = undefined;
      } catch (e) {
        if ((e as Error).name !== "AbortError") error.value = e;
      }
      if (controller === current) {
        loading.value = false;
        schedule();
      }
    };
    const onVisibility = () => {
      clearTimeout(timer);
      if (document.visibilityState === "visible") void fetchNow();
    };
    void fetchNow();
    if (everyMs) document.addEventListener("visibilitychange", onVisibility);
    return () => {
      stopped = true;
      clearTimeout(timer);
      controller?.abort();
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [...deps, version.value]);

  return {
    data,
    error,
    loading,
    reload: () => {
      version.value++;
    },
  };
}
