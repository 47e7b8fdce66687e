import type { Context, MiddlewareHandler } from "hono";

/**
 * The site's and the API's security headers, defined once: the Worker sets them on every
 * response it answers (API, errors, the site's pages), and the site build writes the same set
 * into the static assets' `_headers` file (`headersFile`), which covers what the assets layer
 * serves without running the Worker.
 */

/** Directives a handler may widen for its own response (an inline script it serves, by hash). */
type InlineDirective = "script-src" | "style-src";

export interface SecurityHeadersVariables {
  /** Sources added to this response's policy by its handler (`allowInline`). */
  cspExtraSources?: Partial<Record<InlineDirective, string[]>>;
}

export interface SecurityPolicyOptions {
  /** Origins besides the app's own that images may come from (posters, logos). */
  imageOrigins: readonly string[];
  /** Whether the response goes out over https: only then is HSTS sent (it means nothing over http). */
  https: boolean;
  extraSources?: SecurityHeadersVariables["cspExtraSources"];
}

// Watchmode's answers carry poster URLs on its CDN (the release calendar's poster_url), not on
// its API's host; a stand-in for its API (the simulator in demo mode) serves the posters itself.
const WATCHMODE_API_ORIGIN = "https://api.watchmode.com";
const WATCHMODE_IMAGE_ORIGIN = "https://cdn.watchmode.com";

/**
 * The one frame the site embeds: a movie's YouTube trailer, through YouTube's no-cookie host, and
 * only after the trailer button is pressed (nothing is requested at page load).
 */
const TRAILER_ORIGIN = "https://www.youtube-nocookie.com";

// Features the site never uses, refused to the page and anything it embeds.
const DISABLED_FEATURES = [
  "accelerometer",
  "bluetooth",
  "camera",
  "display-capture",
  "geolocation",
  "gyroscope",
  "hid",
  "idle-detection",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "publickey-credentials-get",
  "screen-wake-lock",
  "serial",
  "usb",
  "xr-spatial-tracking",
];

const TRAILER_FEATURES = ["autoplay", "encrypted-media", "fullscreen", "picture-in-picture"];

/**
 * The origins of the images the site shows, from the configured upstream URLs: TMDb's image host
 * (posters, fanart, provider logos) and Watchmode's posters. In demo mode both are the simulator.
 */
export function siteImageOrigins(vars: { TMDB_IMAGE_URL?: string; WATCHMODE_API_URL?: string }): readonly string[] {
  // Asked on every response: the configuration rarely changes, so the last answer is kept for it.
  const last = lastOrigins;
  if (last && last.tmdb === vars.TMDB_IMAGE_URL && last.watchmode === vars.WATCHMODE_API_URL) return last.origins;
  const origins = imageOriginsOf(vars);
  lastOrigins = { tmdb: vars.TMDB_IMAGE_URL, watchmode: vars.WATCHMODE_API_URL, origins };
  return origins;
}

let lastOrigins: { tmdb?: string; watchmode?: string; origins: readonly string[] } | undefined;

function imageOriginsOf(vars: { TMDB_IMAGE_URL?: string; WATCHMODE_API_URL?: string }): readonly string[] {
  const watchmodeApi = originOf(vars.WATCHMODE_API_URL);
  const watchmode = !watchmodeApi || watchmodeApi === WATCHMODE_API_ORIGIN ? WATCHMODE_IMAGE_ORIGIN : watchmodeApi;
  const origins = [originOf(vars.TMDB_IMAGE_URL), watchmode].filter((o): o is string => o !== undefined);
  return [...new Set(origins)];
}

function originOf(url: string | undefined): string | undefined {
  if (!url || !URL.canParse(url)) return undefined;
  const { origin } = new URL(url);
  return origin === "null" ? undefined : origin;
}

/**
 * The Content-Security-Policy: everything from the app's own origin only, images also from the
 * image hosts. No 'unsafe-inline' anywhere: the built site has no inline script or style element,
 * and Preact sets `style` props through the CSSOM (element.style), which CSP does not govern.
 */
export function contentSecurityPolicy(options: Omit<SecurityPolicyOptions, "https">): string {
  const extra = options.extraSources ?? {};
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    ["script-src", "'self'", ...(extra["script-src"] ?? [])],
    ["style-src", "'self'", ...(extra["style-src"] ?? [])],
    // data: for images written inline as data: URLs.
    ["img-src", "'self'", "data:", ...options.imageOrigins],
    ["connect-src", "'self'"],
    // The site's service worker (/sw.js) and web app manifest, both its own files.
    ["worker-src", "'self'"],
    ["manifest-src", "'self'"],
    ["frame-src", TRAILER_ORIGIN],
    ["object-src", "'none'"],
    ["base-uri", "'none'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
  ];
  return directives.map((d) => d.join(" ")).join("; ");
}

/** Every security header, by name. */
export function securityHeaderSet(options: SecurityPolicyOptions): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(options),
    "X-Content-Type-Options": "nosniff",
    // frame-ancestors for browsers that read CSP, this for those that do not.
    "X-Frame-Options": "DENY",
    // Nothing the app calls needs a Referer; without it TMDb's image host never learns the app's address.
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": [
      ...DISABLED_FEATURES.map((feature) => `${feature}=()`),
      // The trailer player alone may play when opened, go full screen and play protected video.
      ...TRAILER_FEATURES.map((feature) => `${feature}=("${TRAILER_ORIGIN}")`),
    ].join(", "),
    ...(options.https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

/**
 * The `_headers` file for the static assets (Cloudflare's format): the same set for every path,
 * with the configured image origins and no HSTS (the Worker sends it on the pages over https,
 * and HSTS holds for the whole host).
 */
export function headersFile(imageOrigins: readonly string[]): string {
  const headers = securityHeaderSet({ imageOrigins, https: false });
  const lines = Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`);
  return [
    "# Written by the site build from src/api/middleware/securityHeaders.ts; edit that, not this.",
    "/*",
    ...lines,
    "",
  ].join("\n");
}

/** A CSP hash source for an inline script or style element's exact text. */
async function hashSource(code: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(code)));
  return `'sha256-${btoa(String.fromCharCode(...digest))}'`;
}

/** Lets this response run one inline script or style, by its hash (the rest of the policy is unchanged). */
export async function allowInline<E extends { Variables: SecurityHeadersVariables }>(
  c: Context<E>,
  directive: InlineDirective,
  code: string,
) {
  const context = c as unknown as Context<{ Variables: SecurityHeadersVariables }>;
  const sources = { ...context.get("cspExtraSources") };
  sources[directive] = [...(sources[directive] ?? []), await hashSource(code)];
  context.set("cspExtraSources", sources);
}

export interface SecurityHeadersOptions {
  /** The image origins for this request (they follow the Worker's configuration). */
  imageOrigins?: (c: Context) => readonly string[];
}

/**
 * Sets the security headers on every response, after the handler (or the error handler, or the
 * static assets) answered. Registered first, so responses of failed middleware get them too.
 */
export function securityHeaders(options: SecurityHeadersOptions = {}): MiddlewareHandler<{
  Variables: SecurityHeadersVariables;
}> {
  // The set for the last image origins and scheme, built once: most responses share it.
  let common: { imageOrigins: readonly string[]; https: boolean; entries: [string, string][] } | undefined;
  return async (c, next) => {
    await next();
    const imageOrigins = options.imageOrigins?.(c) ?? [];
    const https = c.req.url.startsWith("https:");
    const extraSources = c.get("cspExtraSources");
    let entries: [string, string][];
    if (extraSources) {
      entries = Object.entries(securityHeaderSet({ imageOrigins, https, extraSources }));
    } else {
      if (!common || !sameList(common.imageOrigins, imageOrigins) || common.https !== https)
        common = { imageOrigins, https, entries: Object.entries(securityHeaderSet({ imageOrigins, https })) };
      entries = common.entries;
    }
    for (const [name, value] of entries) c.res.headers.set(name, value);
  };
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a === b || (a.length === b.length && a.every((item, i) => item === b[i]));
