import { readFileSync } from "node:fs";
import preact from "@preact/preset-vite";
import { defineConfig, type Plugin } from "vite";
import { headersFile, siteImageOrigins } from "../src/api/middleware/securityHeaders";
import { progressiveWebApp } from "./pwa/plugin";

/** A [vars] value of wrangler.toml: what the deployed Worker is configured with. */
function wranglerVar(name: string): string | undefined {
  const toml = readFileSync(new URL("../wrangler.toml", import.meta.url), "utf8");
  return toml.match(new RegExp(`^${name}\\s*=\\s*"([^"]*)"`, "m"))?.[1];
}

/**
 * Writes `_headers` beside the assets: the Worker's security headers for what the assets layer
 * serves without running the Worker (the bundles under /assets/), from the same module.
 */
function securityHeadersFile(): Plugin {
  return {
    name: "radarr-edge-security-headers",
    generateBundle() {
      const vars = {
        TMDB_IMAGE_URL: wranglerVar("TMDB_IMAGE_URL"),
        WATCHMODE_API_URL: wranglerVar("WATCHMODE_API_URL"),
      };
      this.emitFile({ type: "asset", fileName: "_headers", source: headersFile(siteImageOrigins(vars)) });
    },
  };
}

export default defineConfig({
  root: new URL(".", import.meta.url).pathname,
  plugins: [preact(), securityHeadersFile(), progressiveWebApp()],
  build: { outDir: "../dist/site", emptyOutDir: true },
});
