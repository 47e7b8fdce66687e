import { describe, expect, test } from "vitest";
import {
  contentSecurityPolicy,
  headersFile,
  securityHeaderSet,
  siteImageOrigins,
} from "../../src/api/middleware/securityHeaders";

const PRODUCTION = { TMDB_IMAGE_URL: "https://image.tmdb.org", WATCHMODE_API_URL: "https://api.watchmode.com" };
const SIM = "http://127.0.0.1:8788";
const DEMO = { TMDB_IMAGE_URL: `${SIM}/tmdb-images`, WATCHMODE_API_URL: `${SIM}/watchmode` };

/** The headers a `_headers` file sets for `/*`. */
function parseHeadersFile(text: string): Record<string, string> {
  const lines = text.split("\n").filter((line) => line.trim() && !line.startsWith("#"));
  expect(lines[0]).toBe("/*");
  return Object.fromEntries(
    lines.slice(1).map((line) => {
      expect(line, "each header indented under its path").toMatch(/^ {2}\S/);
      const at = line.indexOf(":");
      return [line.slice(0, at).trim(), line.slice(at + 1).trim()];
    }),
  );
}

describe("siteImageOrigins", () => {
  test("production: TMDb's image host and Watchmode's poster CDN", () => {
    expect(siteImageOrigins(PRODUCTION)).toEqual(["https://image.tmdb.org", "https://cdn.watchmode.com"]);
  });

  test("demo: the simulator serves both, so it is the one origin (paths dropped)", () => {
    expect(siteImageOrigins(DEMO)).toEqual([SIM]);
  });

  test("an unset or unparseable URL adds no origin", () => {
    expect(siteImageOrigins({ TMDB_IMAGE_URL: "not a url" })).toEqual(["https://cdn.watchmode.com"]);
  });
});

describe("contentSecurityPolicy", () => {
  test("only the app's origin, images also from the image hosts, never unsafe-inline", () => {
    const policy = contentSecurityPolicy({ imageOrigins: siteImageOrigins(PRODUCTION) });
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("img-src 'self' data: https://image.tmdb.org https://cdn.watchmode.com;");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain("unsafe");
  });

  test("a handler's hashes widen only their own directive", () => {
    const policy = contentSecurityPolicy({ imageOrigins: [], extraSources: { "script-src": ["'sha256-abc='"] } });
    expect(policy).toContain("script-src 'self' 'sha256-abc=';");
    expect(policy).toContain("style-src 'self';");
  });
});

describe("securityHeaderSet", () => {
  test("HSTS only over https", () => {
    expect(securityHeaderSet({ imageOrigins: [], https: false })).not.toHaveProperty("Strict-Transport-Security");
    expect(securityHeaderSet({ imageOrigins: [], https: true })["Strict-Transport-Security"]).toMatch(/^max-age=\d+/);
  });
});

describe("headersFile", () => {
  test("sets, for every path, exactly what the Worker sends over http", () => {
    const origins = siteImageOrigins(PRODUCTION);
    expect(parseHeadersFile(headersFile(origins))).toEqual(securityHeaderSet({ imageOrigins: origins, https: false }));
  });
});
