import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT } from "../../scripts/lib/app.mjs";
import { withPage } from "./harness.mjs";

const ARTIFACTS = join(ROOT, "test/browser/artifacts");
const PHONE = { width: 390, height: 844 };
const CACHE_PREFIX = "radarr-edge-shell-";

/** A PNG's width and height, from its IHDR chunk. */
function pngSize(bytes) {
  assert.deepEqual([...bytes.subarray(1, 4)], [0x50, 0x4e, 0x47], "a PNG signature");
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

/** The manifest the page links, checked field by field, and each of its icons fetched. */
async function checkManifest(page) {
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  const res = await page.request.get(href);
  assert.equal(res.status(), 200);
  const manifest = await res.json();
  assert.equal(manifest.name, "Radarr Edge");
  assert.ok(manifest.short_name);
  assert.equal(manifest.start_url, "/");
  assert.equal(manifest.scope, "/");
  assert.equal(manifest.display, "standalone");
  // The default (dark) theme's background: what the installed app paints before the page does.
  const background = await page.evaluate(() => {
    const root = document.documentElement;
    const theme = root.dataset.theme;
    root.dataset.theme = "dark";
    const bg = getComputedStyle(root).getPropertyValue("--bg").trim();
    root.dataset.theme = theme;
    return bg;
  });
  assert.equal(manifest.background_color, background, "the manifest's background is the dark theme's");
  assert.equal(manifest.theme_color, background);
  const pngs = manifest.icons.filter((icon) => icon.type === "image/png");
  for (const [size, purpose] of [
    [192, "any"],
    [512, "any"],
    [512, "maskable"],
  ]) {
    assert.ok(
      pngs.some((icon) => icon.sizes === `${size}x${size}` && icon.purpose === purpose),
      `a ${size} px ${purpose} icon`,
    );
  }
  for (const icon of pngs) {
    const image = await page.request.get(icon.src);
    assert.equal(image.headers()["content-type"], "image/png", icon.src);
    assert.deepEqual(pngSize(await image.body()), icon.sizes.split("x").map(Number), icon.src);
  }
}

/** Waits until the service worker controls the page; its script's address. */
function controllingWorker(page) {
  return page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener("controllerchange", resolve));
    }
    return navigator.serviceWorker.controller.scriptURL;
  });
}

/** Every cache of the origin, with the paths each holds. */
function cachedPaths(page) {
  return page.evaluate(async () => {
    const result = {};
    for (const name of await caches.keys()) {
      const keys = await (await caches.open(name)).keys();
      result[name] = keys.map((request) => new URL(request.url).pathname);
    }
    return result;
  });
}

test("PWA: the manifest is linked and valid, the service worker precaches the shell and serves it offline", {
  timeout: 240_000,
}, async (t) => {
  await withPage(
    t,
    async (page, { appUrl }) => {
      // A cache left by an older build: the new worker deletes it when it activates.
      await page.goto("/ping");
      await page.evaluate((name) => caches.open(name), `${CACHE_PREFIX}older-build`);

      await page.goto("/");
      await page.getByRole("navigation", { name: "Main" }).waitFor();
      await checkManifest(page);
      assert.equal(await controllingWorker(page), `${appUrl}/sw.js`);

      const caches = await cachedPaths(page);
      const names = Object.keys(caches);
      assert.equal(names.length, 1, `one cache, the build's: ${names.join(", ")}`);
      assert.match(names[0], new RegExp(`^${CACHE_PREFIX}[0-9a-f]{16}$`));
      const shell = caches[names[0]];
      assert.ok(shell.includes("/"), "the page is precached");
      assert.ok(shell.includes("/manifest.webmanifest"));
      const scripts = await page.evaluate(() =>
        [...document.querySelectorAll("script[src], link[rel=stylesheet]")].map(
          (el) => new URL(el.src ?? el.href).pathname,
        ),
      );
      for (const path of scripts) assert.ok(shell.includes(path), `${path} is precached`);

      // Data from the API went through the worker's scope but is in no cache.
      await page.getByRole("table", { name: "Movies", exact: true }).getByRole("link").first().waitFor();
      assert.deepEqual(
        shell.filter((path) => path.startsWith("/api")),
        [],
        "no API response is cached",
      );

      await page.context().setOffline(true);
      const reloaded = await page.reload();
      assert.ok(reloaded.fromServiceWorker(), "the worker answered the navigation");
      assert.equal(await page.title(), "Radarr Edge");
      await page.getByRole("status").getByText("Offline.").waitFor();
      assert.equal(
        await page.evaluate(() =>
          fetch("/api/v3/system/status").then(
            () => "reached",
            () => "unreachable",
          ),
        ),
        "unreachable",
        "the API is not answered from any cache",
      );
      await page.screenshot({ path: join(ARTIFACTS, "pwa-offline-1440.png"), fullPage: true });
      await page.setViewportSize(PHONE);
      await page.getByRole("status").getByText("Offline.").waitFor();
      await page.screenshot({ path: join(ARTIFACTS, "pwa-offline-390.png"), fullPage: true });

      // Back online, the session and the page's data follow without a reload.
      await page.context().setOffline(false);
      await page.getByRole("table", { name: "Movies", exact: true }).getByRole("link").first().waitFor();
      assert.equal(await page.getByText("Offline.").count(), 0);
    },
    { serviceWorkers: "allow" },
  );
});
