/**
 * How a simulated download client fetches a .torrent or .nzb URL it is handed: from the
 * simulator itself (served in-process, so the call is counted and fault switches apply) or from
 * another loopback address. Anything else is refused: the simulator never reaches the internet.
 */

type Handler = (request: Request) => Response | Promise<Response>;

let handler: Handler | null = null;

/** index.ts registers the simulator's own fetch handler here. */
export function setSimulatorHandler(next: Handler): void {
  handler = next;
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

export class LoopbackFetchError extends Error {}

export async function fetchFromSimulator(url: string, requestUrl: string): Promise<Response> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new LoopbackFetchError(`not a URL: ${url.slice(0, 100)}`);
  }
  if (target.protocol !== "http:" && target.protocol !== "https:") {
    throw new LoopbackFetchError(`unsupported protocol ${target.protocol}`);
  }
  const own = new URL(requestUrl);
  if (target.origin === own.origin) {
    if (!handler) throw new LoopbackFetchError("the simulator's handler is not registered");
    return handler(new Request(target.toString()));
  }
  if (!LOOPBACK_HOSTS.has(target.hostname)) {
    throw new LoopbackFetchError(`refusing to fetch ${target.host}: only loopback addresses are reachable`);
  }
  return fetch(target.toString());
}
