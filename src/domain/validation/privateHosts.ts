/**
 * Which hosts a deployed Worker cannot reach: loopback, private (RFC 1918, IPv6 unique local),
 * link-local, carrier-grade NAT and names that only resolve on a home network (`localhost`,
 * `.local`, `.lan`, `.home.arpa`, a bare name without dots). On Cloudflare such an address is
 * never the user's machine; the service has to be published (docs/remote-services.md).
 */

const LOCAL_SUFFIXES = [".localhost", ".local", ".lan", ".home.arpa", ".internal"];

function ipv4Kind(host: string): string | undefined {
  const parts = host.split(".").map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  const [a, b] = parts;
  if (a === 127) return "a loopback address";
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return "a private address";
  if (a === 169 && b === 254) return "a link-local address";
  if (a === 100 && b >= 64 && b <= 127) return "a carrier-grade NAT address";
  if (a === 0) return "an unroutable address";
  return undefined;
}

function ipv6Kind(host: string): string | undefined {
  const lower = host.toLowerCase();
  if (lower === "::1" || lower === "::") return "a loopback address";
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped) return ipv4Kind(mapped[1]);
  if (/^f[cd][0-9a-f]{2}:/.test(lower)) return "a private address";
  if (/^fe[89ab][0-9a-f]:/.test(lower)) return "a link-local address";
  return undefined;
}

/** What kind of host a deployed Worker cannot reach `host` is ("a private address"), or undefined. */
export function unreachableHostKind(rawHost: string): string | undefined {
  const host = rawHost
    .trim()
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/\.$/, "")
    .toLowerCase();
  if (host.includes(":")) return ipv6Kind(host);
  if (/^[\d.]+$/.test(host)) return ipv4Kind(host);
  if (host === "localhost" || LOCAL_SUFFIXES.some((suffix) => host.endsWith(suffix))) return "a local name";
  if (!host.includes(".")) return "a name without a domain";
  return undefined;
}

/** The host of an http(s) URL, or undefined when it does not parse. */
export function urlHost(url: string): string | undefined {
  return URL.canParse(url) ? new URL(url).hostname : undefined;
}
