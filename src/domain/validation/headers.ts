import { z } from "zod";

/**
 * Extra request headers a provider sends with every call (a Cloudflare Access service token:
 * `CF-Access-Client-Id: …` and `CF-Access-Client-Secret: …`). Typed as `Name: value` entries, one
 * per line or separated by `;` (a password field is one line), stored encrypted like a password.
 */

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const CONTROL = /[\p{Cc}]/u;
/** Headers the app or the platform sets itself: never taken from settings. */
const RESERVED = new Set([
  "host",
  "content-length",
  "content-type",
  "transfer-encoding",
  "connection",
  "cookie",
  "authorization",
  "x-transmission-session-id",
  "referer",
]);
const MAX_HEADERS = 10;

/** The entries of a headers setting: `[name, value]` pairs, blanks skipped. */
function entries(text: string): string[] {
  return text
    .split(/[\n;]/)
    .map((line) => line.trim())
    .filter(Boolean);
}

function entryProblem(entry: string): string | undefined {
  const colon = entry.indexOf(":");
  if (colon <= 0) return `"${entry.slice(0, 40)}" must look like Name: value`;
  const name = entry.slice(0, colon).trim();
  const value = entry.slice(colon + 1).trim();
  if (!TOKEN.test(name)) return `"${name.slice(0, 40)}" is not a valid header name`;
  if (RESERVED.has(name.toLowerCase())) return `${name} is set by the app and cannot be added`;
  if (value === "" || CONTROL.test(value)) return `${name} needs a value without control characters`;
  return undefined;
}

/** Parses a validated headers setting into a header record (empty for ""). */
export function parseRequestHeaders(text: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of entries(text ?? "")) {
    const colon = entry.indexOf(":");
    out[entry.slice(0, colon).trim()] = entry.slice(colon + 1).trim();
  }
  return out;
}

/** The setting: `Name: value` entries, at most ten, no header the app sets itself. */
export const requestHeadersSetting = z
  .string()
  .max(4000, "requestHeaders must be at most 4000 characters")
  .superRefine((text, ctx) => {
    const list = entries(text);
    if (list.length > MAX_HEADERS) ctx.addIssue({ code: "custom", message: `at most ${MAX_HEADERS} headers` });
    for (const entry of list) {
      const problem = entryProblem(entry);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }
  })
  .default("");
