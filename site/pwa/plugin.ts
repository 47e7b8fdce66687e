import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Plugin } from "vite";
import { encodePng, iconSvg, renderIcon, THEME_BACKGROUND } from "./icon";

/**
 * What makes the site installable (a PWA), written by the build beside the bundles: the web
 * manifest, the icons (drawn in ./icon.ts) and the service worker (/sw.js: ./serviceWorker.js
 * with this build's version and the files of its shell).
 */

const MANIFEST_FILE = "manifest.webmanifest";
const SERVICE_WORKER_FILE = "sw.js";
const SVG_ICON_FILE = "icons/icon.svg";
// Files the build writes that are not part of the precached shell: the assets layer's headers,
// the worker itself, and the page (precached as "/", the address it is navigated to by).
const NOT_SHELL = new Set(["_headers", SERVICE_WORKER_FILE, "index.html"]);

const ICONS = [
  { file: "icons/icon-192.png", size: 192, maskable: false },
  { file: "icons/icon-512.png", size: 512, maskable: false },
  { file: "icons/icon-maskable-192.png", size: 192, maskable: true },
  { file: "icons/icon-maskable-512.png", size: 512, maskable: true },
];

/** The web app manifest (https://www.w3.org/TR/appmanifest/). */
export function webManifest() {
  return {
    name: "Radarr Edge",
    short_name: "Radarr Edge",
    description: "Movie collection manager",
    id: "/",
    start_url: "/",
    scope: "/",
    display: "standalone",
    theme_color: THEME_BACKGROUND,
    background_color: THEME_BACKGROUND,
    icons: [
      ...ICONS.map((icon) => ({
        src: `/${icon.file}`,
        sizes: `${icon.size}x${icon.size}`,
        type: "image/png",
        purpose: icon.maskable ? "maskable" : "any",
      })),
      { src: `/${SVG_ICON_FILE}`, sizes: "any", type: "image/svg+xml", purpose: "any" },
    ],
  };
}

/**
 * The service worker's source for a build: a version that changes whenever any file of the shell
 * does (bundle names carry their content hash; the page and the worker's code are hashed by
 * content), and the shell's paths to precache.
 */
export function serviceWorkerSource(files: Record<string, string | Uint8Array>): string {
  const names = Object.keys(files)
    .filter((name) => !NOT_SHELL.has(name))
    .sort();
  const template = readFileSync(new URL("./serviceWorker.js", import.meta.url), "utf8");
  const hash = createHash("sha256");
  for (const name of names) hash.update(`${name}\n`);
  hash.update(files["index.html"] ?? "");
  hash.update(template);
  const build = { version: hash.digest("hex").slice(0, 16), files: names.map((name) => `/${name}`) };
  return `self.RADARR_EDGE_BUILD = ${JSON.stringify(build)};\n${template}`;
}

/** The files this plugin adds to a build: manifest and icons, then the worker over all of it. */
function pwaFiles(bundleFiles: Record<string, string | Uint8Array>): Record<string, string | Uint8Array> {
  const added: Record<string, string | Uint8Array> = {
    [MANIFEST_FILE]: `${JSON.stringify(webManifest(), null, 2)}\n`,
    [SVG_ICON_FILE]: iconSvg(),
  };
  for (const icon of ICONS) added[icon.file] = encodePng(renderIcon(icon.size, icon), icon.size);
  added[SERVICE_WORKER_FILE] = serviceWorkerSource({ ...bundleFiles, ...added });
  return added;
}

/** The Vite plugin, after every other (the page and all bundles are written by then). */
export function progressiveWebApp(): Plugin {
  return {
    name: "radarr-edge-pwa",
    enforce: "post",
    generateBundle(_options, bundle) {
      const bundleFiles: Record<string, string | Uint8Array> = {};
      for (const [name, output] of Object.entries(bundle)) {
        bundleFiles[name] = output.type === "chunk" ? output.code : output.source;
      }
      for (const [fileName, source] of Object.entries(pwaFiles(bundleFiles))) {
        this.emitFile({ type: "asset", fileName, source });
      }
    },
  };
}
