import { useSignalEffect } from "@preact/signals";
import { useEffect, useState } from "preact/hooks";

/**
 * Keeps a page's state (search, sort, filters, view…) in the query string, so a reload, a shared
 * link and Back/Forward show the same page. `toQuery` reads the state's signals into parameters
 * (a default is left out: undefined or ""); `fromQuery` sets the state from parameters, each
 * missing one to its default. On arrival a query that names any of `keys` is applied; otherwise
 * the state kept from an earlier visit is written to the URL. Changes replace the current history
 * entry rather than adding one per keystroke; Back and Forward re-apply the entry's query.
 * Call it before the component reads the state: the arrival's query is applied during the first
 * render, so nothing is shown or fetched for the state it replaces.
 */
export function useUrlState(
  keys: readonly string[],
  toQuery: () => Record<string, string | undefined>,
  fromQuery: (query: URLSearchParams) => void,
) {
  useState(() => {
    const arrived = new URLSearchParams(location.search);
    if (keys.some((key) => arrived.has(key))) fromQuery(arrived);
  });
  useEffect(() => {
    const onPop = () => fromQuery(new URLSearchParams(location.search));
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);
  useSignalEffect(() => {
    const query = new URLSearchParams(location.search);
    for (const key of keys) query.delete(key);
    for (const [key, value] of Object.entries(toQuery())) if (value) query.set(key, value);
    const search = query.size ? `?${query}` : "";
    if (search !== location.search) history.replaceState(history.state, "", `${location.pathname}${search}`);
  });
}
