import { z } from "zod";

/**
 * The one check for every address a user types into a provider's settings: indexer base URLs,
 * notification and list URLs (http or https only, a plain host) and download client hosts (a
 * bare host name or IP address; scheme, port and path have their own fields). The app calls
 * these addresses itself, so anything else (`file:`, `javascript:`, credentials in the URL, a
 * path smuggled into a host) is refused where it is typed, naming the field.
 */

const CONTROL_OR_SPACE = /[\s\p{Cc}]/u;
const HOST_LABEL = /^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/;
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;

/** Why `host` (no brackets, no port) is not a plain host name, IPv4 or IPv6 address; undefined when it is. */
function hostProblem(host: string): string | undefined {
  if (host === "") return "is required";
  if (CONTROL_OR_SPACE.test(host)) return "must not contain spaces or control characters";
  if (host.includes(":")) {
    // An IPv6 address: the URL parser is the strict judge of its form.
    return /^[0-9A-Fa-f:.]+$/.test(host) && URL.canParse(`http://[${host}]/`)
      ? undefined
      : "is not a valid IPv6 address";
  }
  if (host.length > 253 || !host.split(".").every((label) => HOST_LABEL.test(label)))
    return "must be a host name or IP address (letters, digits, dots, hyphens)";
  // All-numeric names are IPv4 addresses to the URL parser, which rejects out-of-range ones.
  return URL.canParse(`http://${host}/`) ? undefined : "is not a valid IPv4 address";
}

function portProblem(port: string): string | undefined {
  const value = Number(port);
  return /^\d{1,5}$/.test(port) && value >= 1 && value <= 65_535 ? undefined : "port must be 1-65535";
}

/** Why a host field's value is refused, or undefined: a bare host, with no scheme, port, path or user. */
function hostFieldProblem(value: string): string | undefined {
  const hostAndPort = /^[^:]+:\d*$/.test(value);
  // `fe80::1` and `nas:8080` look like a scheme too; anything else with one is a URL.
  if (SCHEME.test(value) && !hostAndPort && !/^[0-9A-Fa-f:.]+$/.test(value))
    return "must be a host name or IP address, not a URL";
  if (value.includes("@")) return "must not contain a user name or password; use the credential fields";
  if (value.includes("/") || value.includes("\\")) return "must not contain a path; use the URL Base field";
  if (value.includes("?")) return "must not contain a query (?…)";
  if (value.includes("#")) return "must not contain a fragment (#…)";
  const bracketed = /^\[(.*)\]$/.exec(value);
  if (bracketed) return hostProblem(bracketed[1]);
  if (hostAndPort) return "must not contain a port; use the Port field";
  return hostProblem(value);
}

/** Where a URL may carry a query: base URLs get paths appended, so only full URLs may. */
export interface HttpUrlOptions {
  allowQuery?: boolean;
  /** Keep the URL as sent, trailing slash included (the caller trims it where it appends paths). */
  asSent?: boolean;
}

/** Why a URL field's value is refused, or undefined: http(s), a plain host, a valid port, no credentials. */
function httpUrlProblem(value: string, { allowQuery = false }: HttpUrlOptions = {}): string | undefined {
  if (value === "") return "is required";
  if (CONTROL_OR_SPACE.test(value)) return "must not contain spaces or control characters";
  const scheme = SCHEME.exec(value)?.[1].toLowerCase();
  if (scheme !== "http" && scheme !== "https")
    return scheme ? `must be an http(s) URL; ${scheme}: is not allowed` : "must start with http:// or https://";
  const rest = /^https?:\/\/(.*)$/i.exec(value)?.[1];
  if (rest === undefined) return "must start with http:// or https://";
  const authority = rest.split(/[/?#]/, 1)[0];
  if (authority.includes("@")) return "must not contain a user name or password; use the credential fields";
  const [, host, port] = /^(\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(authority) ?? [];
  const problem = hostProblem(host.replace(/^\[(.*)\]$/, "$1")) ?? (port === undefined ? undefined : portProblem(port));
  if (problem) return `host ${problem}`;
  if (rest.includes("#")) return "must not contain a fragment (#…)";
  if (!allowQuery && rest.includes("?")) return "must not contain a query (?…)";
  return URL.canParse(value) ? undefined : "is not a valid URL";
}

/**
 * A URL setting (http or https). Base URLs lose trailing slashes, since paths are appended to
 * them; `allowQuery` is for URLs called as they are (webhooks, published lists).
 */
export function httpUrlSetting(options: HttpUrlOptions = {}) {
  return z
    .string({ error: "must be an http(s) URL" })
    .trim()
    .superRefine((url, ctx) => {
      const problem = httpUrlProblem(url, options);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .transform((url) => (options.allowQuery || options.asSent ? url : url.replace(/\/+$/, "")));
}

/** A host setting: a host name, IPv4 or IPv6 address (bracketed or not), nothing more. */
export const hostSetting = z
  .string({ error: "host is required" })
  .trim()
  .superRefine((host, ctx) => {
    const problem = hostFieldProblem(host);
    if (problem) ctx.addIssue({ code: "custom", message: `host ${problem}` });
  })
  .transform((host) => host.replace(/^\[(.*)\]$/, "$1"));

/** A TCP port setting. */
export const portSetting = z
  .number({ error: "port must be 1-65535" })
  .int("port must be 1-65535")
  .min(1, "port must be 1-65535")
  .max(65_535, "port must be 1-65535");
