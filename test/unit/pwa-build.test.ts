import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { encodePng, renderIcon } from "../../site/pwa/icon";
import { serviceWorkerSource, webManifest } from "../../site/pwa/plugin";

/** The build a worker source carries (its first line). */
function buildOf(source: string): { version: string; files: string[] } {
  const [first] = source.split("\n");
  return JSON.parse(first.replace(/^self\.RADARR_EDGE_BUILD = /, "").replace(/;$/, ""));
}

const BUILD = {
  "index.html": "<!doctype html><title>Radarr Edge</title>",
  "assets/index-AAAA.js": "console.log(1)",
  "assets/index-BBBB.css": "body{}",
  "manifest.webmanifest": "{}",
  _headers: "/*",
};

describe("the service worker's build", () => {
  it("precaches every file of the shell but the page's own name, the headers file and itself", () => {
    expect(buildOf(serviceWorkerSource(BUILD)).files).toEqual([
      "/assets/index-AAAA.js",
      "/assets/index-BBBB.css",
      "/manifest.webmanifest",
    ]);
  });

  it("has a new version, so a new cache, whenever a bundle or the page changes", () => {
    const version = buildOf(serviceWorkerSource(BUILD)).version;
    expect(buildOf(serviceWorkerSource(BUILD)).version).toBe(version);
    const { "assets/index-AAAA.js": _old, ...rest } = BUILD;
    expect(buildOf(serviceWorkerSource({ ...rest, "assets/index-CCCC.js": "x" })).version).not.toBe(version);
    expect(buildOf(serviceWorkerSource({ ...BUILD, "index.html": "<!doctype html>" })).version).not.toBe(version);
  });
});

describe("the web manifest's icons", () => {
  it("name a 192 and a 512 px icon, each also maskable", () => {
    const icons = webManifest().icons.filter((icon) => icon.type === "image/png");
    expect(icons.map((icon) => `${icon.sizes} ${icon.purpose}`).sort()).toEqual([
      "192x192 any",
      "192x192 maskable",
      "512x512 any",
      "512x512 maskable",
    ]);
  });

  it("are PNGs of their size: opaque full bleed when maskable, rounded corners otherwise", () => {
    const size = 64;
    for (const maskable of [false, true]) {
      const png = encodePng(renderIcon(size, { maskable }), size);
      expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
      const idat = png.indexOf("IDAT");
      const rows = inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
      expect(rows.length).toBe(size * (size * 4 + 1));
      // The top-left corner's alpha: cut away on the plain icon, painted on the maskable one.
      expect(rows[1 + 3]).toBe(maskable ? 255 : 0);
    }
  });
});
