/**
 * How a request goes out: its query string, and the order of the first requests. The first
 * screen's data goes first: reads asked for while it is on its way wait for it (see
 * `holdReadsUntil`), so the side panels' reads (queue states, saved filters, profile names) do
 * not compete with it on a busy server or connection.
 */

export type Query = Record<string, string | number | boolean | undefined>;

export function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

let heldUntil: Promise<unknown> | undefined;

/**
 * Makes reads asked for from now on wait until `first` settles, or `maxMs` passes; the requests
 * already sent (the session and the page's own first data) go on alone.
 */
export function holdReadsUntil(first: Promise<unknown>, maxMs: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const released = Promise.race([first, new Promise((resolve) => (timer = setTimeout(resolve, maxMs)))])
    .catch(() => undefined)
    .finally(() => {
      clearTimeout(timer);
      if (heldUntil === released) heldUntil = undefined;
    });
  heldUntil = released;
}

/** `fetch`, after the hold on reads when one is on; a request sent before the hold began is not held by it. */
export function send(url: string, init: RequestInit): Promise<Response> {
  // Read now, not after an await, so the hold in force when the request was asked for decides.
  const hold = init.method === "GET" ? heldUntil : undefined;
  return hold ? hold.then(() => fetch(url, init)) : fetch(url, init);
}
