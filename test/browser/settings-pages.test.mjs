import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT } from "../../scripts/lib/app.mjs";
import { removeNamed, simQbittorrent } from "./downloads.mjs";
import { api, expectSuccess, withPage } from "./harness.mjs";

const CLIENT = "Settings qBittorrent";
const PHONE = { width: 390, height: 844 };
const ARTIFACTS = join(ROOT, "test/browser/artifacts");

async function noSidewaysScroll(page) {
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(widths[0] <= widths[1], `the page scrolls sideways (${widths[0]} > ${widths[1]})`);
}

/** Screenshots of `path` at 1440 px (the page as the test left it) and at 390 px, without sideways scroll. */
async function screenshots(t, page, path, name, ready) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}-1440.png`), fullPage: true });
  await withPage(
    t,
    async (phone) => {
      await phone.goto(path);
      await ready(phone);
      await noSidewaysScroll(phone);
      await phone.screenshot({ path: join(ARTIFACTS, `${name}-390.png`), fullPage: true });
    },
    { viewport: PHONE },
  );
}

/** Runs `body`, then puts the config resource back as it was. */
async function keeping(resource, body) {
  const { body: before } = await api(resource);
  try {
    await body(before);
  } finally {
    assert.equal((await api(resource, { method: "PUT", body: before })).status, 202);
  }
}

test("Media management: naming examples follow the format as it is typed, naming and file options save, remote path mappings are added, edited and deleted", {
  timeout: 240_000,
}, async (t) => {
  await keeping("/config/naming", () =>
    keeping("/config/mediamanagement", () =>
      withPage(t, async (page) => {
        const client = await simQbittorrent(CLIENT, "browser-settings");
        const host = client.fields.find((f) => f.name === "host").value;
        await page.goto("/settings");
        await page
          .getByRole("navigation", { name: "Settings", exact: true })
          .getByRole("link", { name: "Media management", exact: true })
          .click();
        await page.waitForURL("**/settings/mediamanagement");
        const naming = page.getByRole("form", { name: "Movie naming", exact: true });
        const examples = naming.getByLabel("Naming examples");
        const format = "{Movie Title} [{Quality Full}]";
        const { body: current } = await api("/config/naming/examples");
        const { body: typed } = await api(`/config/naming/examples?standardMovieFormat=${encodeURIComponent(format)}`);
        assert.notEqual(typed.movieExample, current.movieExample);
        await examples.getByText(current.movieExample, { exact: true }).waitFor();

        // The example follows the format being typed, before anything is saved.
        await naming.getByLabel("Standard movie format", { exact: true }).fill(format);
        await examples.getByText(typed.movieExample, { exact: true }).waitFor();
        await naming.getByLabel("Colon replacement", { exact: true }).selectOption("dash");
        await naming.getByRole("button", { name: "Save", exact: true }).click();
        await expectSuccess(naming.getByRole("status").filter({ hasText: "Saved" }), naming);
        const { body: saved } = await api("/config/naming");
        assert.equal(saved.standardMovieFormat, format);
        assert.equal(saved.colonReplacementFormat, "dash");

        // A bad format is refused at its field.
        await naming.getByLabel("Movie folder format", { exact: true }).fill("");
        await naming.getByRole("button", { name: "Save", exact: true }).click();
        await naming.locator("#naming-movieFolderFormat-error").waitFor();
        assert.equal((await api("/config/naming")).body.movieFolderFormat, saved.movieFolderFormat);

        const files = page.getByRole("form", { name: "File management", exact: true });
        await files.getByLabel("Import extra files", { exact: true }).check();
        await files.getByLabel("Extra file extensions", { exact: true }).fill("srt,nfo");
        await files.getByRole("button", { name: "Save", exact: true }).click();
        await expectSuccess(files.getByRole("status").filter({ hasText: "Saved" }), files);
        const { body: media } = await api("/config/mediamanagement");
        assert.equal(media.importExtraFiles, true);
        assert.equal(media.extraFileExtensions, "srt,nfo");

        // Remote path mappings: the host is chosen from the download clients.
        const mappings = page.locator("#remote-path-mappings");
        await mappings.getByRole("button", { name: "Add mapping", exact: true }).click();
        const add = mappings.getByRole("form", { name: "Add remote path mapping", exact: true });
        await add.getByLabel("Host", { exact: true }).selectOption(host);
        await add.getByLabel("Remote path", { exact: true }).fill("/downloads/settings-test/");
        await add.getByLabel("Local path", { exact: true }).fill("relative");
        await add.getByRole("button", { name: "Save mapping", exact: true }).click();
        await add.locator("#rpm-new-localPath-error").waitFor();
        await add.getByLabel("Local path", { exact: true }).fill("/data/settings-test/");
        await add.getByRole("button", { name: "Save mapping", exact: true }).click();
        const table = mappings.getByRole("table", { name: "Remote path mappings" });
        await table.getByText("/data/settings-test/").waitFor();
        const mapping = (await api("/remotepathmapping")).body.find(
          (m) => m.remotePath === "/downloads/settings-test/",
        );
        assert.equal(mapping.host, host);

        await table.getByRole("button", { name: "Edit mapping /downloads/settings-test/" }).click();
        const edit = mappings.getByRole("form", { name: "Edit remote path mapping", exact: true });
        await edit.getByLabel("Local path", { exact: true }).fill("/data/moved/");
        await edit.getByRole("button", { name: "Save mapping", exact: true }).click();
        await table.getByText("/data/moved/").waitFor();
        assert.equal((await api(`/remotepathmapping/${mapping.id}`)).body.localPath, "/data/moved/");

        await screenshots(t, page, "/settings/mediamanagement", "settings-media-management", (p) =>
          p.getByRole("table", { name: "Remote path mappings" }).getByText("/data/moved/").waitFor(),
        );

        await table.getByRole("button", { name: "Delete mapping /downloads/settings-test/" }).click();
        await table.getByRole("button", { name: "Yes, delete", exact: true }).click();
        await page.waitForFunction(() => !document.body.textContent.includes("/data/moved/"));
        assert.equal((await api(`/remotepathmapping/${mapping.id}`)).status, 404);
        await removeNamed("/downloadclient", CLIENT);
      }),
    ),
  );
});

test("UI settings: the light theme applies to the whole site at once and is remembered; date formats save", {
  timeout: 180_000,
}, async (t) => {
  await keeping("/config/ui", () =>
    withPage(t, async (page) => {
      await page.goto("/settings/ui");
      const form = page.getByRole("form", { name: "UI settings", exact: true });
      const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      await form.getByLabel("Theme", { exact: true }).selectOption("dark");
      await form.getByRole("button", { name: "Save", exact: true }).click();
      await expectSuccess(form.getByRole("status").filter({ hasText: "Saved" }), form);
      const dark = await background();

      await form.getByLabel("Theme", { exact: true }).selectOption("light");
      await form.getByLabel("First day of week", { exact: true }).selectOption("Monday");
      await form.getByLabel("Short date format", { exact: true }).selectOption("YYYY-MM-DD");
      await form.getByRole("button", { name: "Save", exact: true }).click();
      await expectSuccess(form.getByRole("status").filter({ hasText: "Saved" }), form);
      assert.notEqual(await background(), dark, "the light theme applies at once");
      const { body: saved } = await api("/config/ui");
      assert.equal(saved.theme, "light");
      assert.equal(saved.firstDayOfWeek, 1);
      assert.equal(saved.shortDateFormat, "YYYY-MM-DD");

      // Another page, reloaded: still light.
      await page.goto("/settings");
      await page.getByRole("heading", { name: "Settings", level: 1 }).waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "light");
      assert.notEqual(await background(), dark);
      await page.goto("/settings/ui");
      await form.getByLabel("Theme", { exact: true }).waitFor();
      await screenshots(t, page, "/settings/ui", "settings-ui", (p) =>
        p.getByRole("form", { name: "UI settings" }).getByLabel("Theme", { exact: true }).waitFor(),
      );

      // System: follows the device's prefers-color-scheme.
      await form.getByLabel("Theme", { exact: true }).selectOption("auto");
      await form.getByRole("button", { name: "Save", exact: true }).click();
      await expectSuccess(form.getByRole("status").filter({ hasText: "Saved" }), form);
      await page.emulateMedia({ colorScheme: "dark" });
      assert.equal(await background(), dark);
      await page.emulateMedia({ colorScheme: "light" });
      assert.notEqual(await background(), dark);
    }),
  );
});

test("Indexer options: RSS sync interval, minimum age and retention save on the Indexers page", {
  timeout: 180_000,
}, async (t) => {
  await keeping("/config/indexer", () =>
    withPage(t, async (page) => {
      await page.goto("/settings/indexers");
      const form = page.getByRole("form", { name: "Indexer options", exact: true });
      await form.getByLabel("RSS sync interval (minutes)", { exact: true }).fill("5000");
      await form.getByRole("button", { name: "Save", exact: true }).click();
      await form.locator("#indexer-options-rssSyncInterval-error").waitFor();
      await form.getByLabel("RSS sync interval (minutes)", { exact: true }).fill("30");
      await form.getByLabel("Minimum age (minutes)", { exact: true }).fill("15");
      await form.getByLabel("Retention (days)", { exact: true }).fill("1500");
      await form.getByRole("button", { name: "Save", exact: true }).click();
      await expectSuccess(form.getByRole("status").filter({ hasText: "Saved" }), form);
      const { body } = await api("/config/indexer");
      assert.deepEqual([body.rssSyncInterval, body.minimumAge, body.retention], [30, 15, 1500]);
      await page.reload();
      assert.equal(await form.getByLabel("Retention (days)", { exact: true }).inputValue(), "1500");
      await screenshots(t, page, "/settings/indexers", "settings-indexers", (p) =>
        p.getByRole("form", { name: "Indexer options" }).getByLabel("Retention (days)").waitFor(),
      );
    }),
  );
});

test("Delay and release profiles: a tagged delay profile is added and deleted; a release profile is added with terms, an indexer and a tag", {
  timeout: 180_000,
}, async (t) => {
  const { body: tag } = await api("/tag", { method: "POST", body: { label: "settings-rules" } });
  const [indexer] = (await api("/indexer")).body;
  try {
    await withPage(t, async (page) => {
      await page.goto("/settings");
      await page
        .getByRole("navigation", { name: "Settings", exact: true })
        .getByRole("link", { name: "Delay & release profiles", exact: true })
        .click();
      const delays = page.locator("#delay-profiles");
      const table = delays.getByRole("table", { name: "Delay profiles" });
      const before = (await api("/delayprofile")).body;
      await table
        .locator("tbody tr")
        .nth(before.length - 1)
        .waitFor();

      await delays.getByRole("button", { name: "Add delay profile", exact: true }).click();
      const add = delays.getByRole("form", { name: "Add delay profile", exact: true });
      await add.getByLabel("Protocol", { exact: true }).selectOption("onlyTorrent");
      await add.getByLabel("Torrent delay (minutes)", { exact: true }).fill("120");
      await add.getByLabel("Bypass if highest quality", { exact: true }).check();
      await add.getByLabel("settings-rules", { exact: true }).check();
      await add.getByRole("button", { name: "Save delay profile", exact: true }).click();
      await table.getByText("settings-rules").waitFor();
      const created = (await api("/delayprofile")).body.find((p) => p.tags.includes(tag.id));
      assert.deepEqual(
        [
          created.enableUsenet,
          created.enableTorrent,
          created.preferredProtocol,
          created.torrentDelay,
          created.bypassIfHighestQuality,
        ],
        [false, true, "torrent", 120, true],
      );
      const row = table.locator("tbody tr").filter({ hasText: "settings-rules" });
      assert.match(await row.textContent(), /Only Torrent.*2 h/);

      const releases = page.locator("#release-profiles");
      await releases.getByRole("button", { name: "Add release profile", exact: true }).click();
      const form = releases.getByRole("form", { name: "Add release profile", exact: true });
      await form.getByLabel("Name", { exact: true }).fill("No cams");
      await form.getByLabel("Must contain", { exact: true }).fill("x265, /hdr/i");
      await form.getByLabel("Must not contain", { exact: true }).fill("cam, ts");
      if (indexer) await form.getByLabel("Indexer", { exact: true }).selectOption(String(indexer.id));
      await form.getByLabel("settings-rules", { exact: true }).check();
      await form.getByRole("button", { name: "Save release profile", exact: true }).click();
      const releaseTable = releases.getByRole("table", { name: "Release profiles" });
      await releaseTable.getByText("No cams").waitFor();
      const release = (await api("/releaseprofile")).body.find((p) => p.name === "No cams");
      assert.deepEqual(release.required, ["x265", "/hdr/i"]);
      assert.deepEqual(release.ignored, ["cam", "ts"]);
      assert.deepEqual(release.tags, [tag.id]);
      assert.equal(release.indexerId, indexer?.id ?? 0);

      await page.screenshot({ path: join(ARTIFACTS, "settings-profile-rules-1440.png"), fullPage: true });
      await withPage(
        t,
        async (phone) => {
          await phone.goto("/settings/profilerules");
          await phone.getByRole("table", { name: "Release profiles" }).getByText("No cams").waitFor();
          await noSidewaysScroll(phone);
          await phone.screenshot({ path: join(ARTIFACTS, "settings-profile-rules-390.png"), fullPage: true });
        },
        { viewport: PHONE },
      );

      await releaseTable.getByRole("button", { name: "Delete release profile No cams" }).click();
      await releaseTable.getByRole("button", { name: "Yes, delete", exact: true }).click();
      await releases.getByText("No release profiles.").or(releaseTable).first().waitFor();
      await page.waitForFunction(() => !document.querySelector("#release-profiles")?.textContent.includes("No cams"));
      const i = (await api("/delayprofile")).body.findIndex((p) => p.id === created.id);
      await table.getByRole("button", { name: `Delete delay profile ${i + 1}`, exact: true }).click();
      await table.getByRole("button", { name: "Yes, delete", exact: true }).click();
      await page.waitForFunction(
        () => !document.querySelector("#delay-profiles")?.textContent.includes("settings-rules"),
      );
      assert.equal((await api(`/delayprofile/${created.id}`)).status, 404);
    });
  } finally {
    for (const p of (await api("/releaseprofile")).body.filter((r) => r.name === "No cams"))
      await api(`/releaseprofile/${p.id}`, { method: "DELETE" });
    for (const p of (await api("/delayprofile")).body.filter((r) => r.tags.includes(tag.id)))
      await api(`/delayprofile/${p.id}`, { method: "DELETE" });
    await api(`/tag/${tag.id}`, { method: "DELETE" });
  }
});

test("General: the instance name saves, the API key stays hidden, a backup is made, listed and deleted", {
  timeout: 180_000,
}, async (t) => {
  await keeping("/config/host", () =>
    withPage(t, async (page) => {
      await page.goto("/settings");
      const host = page.getByRole("form", { name: "Host", exact: true });
      await host.getByLabel("Instance name", { exact: true }).fill("Edge");
      await host.getByRole("button", { name: "Save", exact: true }).click();
      await host.locator("#host-instanceName-error").waitFor();
      await host.getByLabel("Instance name", { exact: true }).fill("Radarr Den");
      await host.getByRole("button", { name: "Save", exact: true }).click();
      await expectSuccess(host.getByRole("status").filter({ hasText: "Saved" }), host);
      assert.equal((await api("/config/host")).body.instanceName, "Radarr Den");
      assert.ok(!(await page.content()).includes("browser-test-api-key"), "the key never reaches the page");

      const backups = page.locator("#backups");
      const before = (await api("/system/backup")).body.map((b) => b.id);
      await backups.getByRole("button", { name: "Back up now", exact: true }).click();
      await expectSuccess(backups.getByRole("status").filter({ hasText: "Backup made" }), backups);
      const made = (await api("/system/backup")).body.find((b) => !before.includes(b.id));
      assert.ok(made, "a new backup is listed by the API");
      const table = backups.getByRole("table", { name: "Backups" });
      const link = table.getByRole("link", { name: made.name, exact: true });
      assert.equal(await link.getAttribute("href"), made.path);
      const download = await page.request.get(made.path);
      assert.equal(download.status(), 200);

      await page.screenshot({ path: join(ARTIFACTS, "settings-general-1440.png"), fullPage: true });
      await withPage(
        t,
        async (phone) => {
          await phone.goto("/settings");
          await phone.getByRole("table", { name: "Backups" }).getByText(made.name).waitFor();
          await noSidewaysScroll(phone);
          await phone.screenshot({ path: join(ARTIFACTS, "settings-general-390.png"), fullPage: true });
        },
        { viewport: PHONE },
      );

      await table.getByRole("button", { name: `Delete backup ${made.name}`, exact: true }).click();
      await table.getByRole("button", { name: "Yes, delete", exact: true }).click();
      await expectSuccess(backups.getByRole("status").filter({ hasText: "Backup deleted" }), backups);
      assert.ok(!(await api("/system/backup")).body.some((b) => b.id === made.id));
    }),
  );
});
