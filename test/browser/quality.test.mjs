import assert from "node:assert/strict";
import { test } from "node:test";
import { api, expectSuccess, withPage } from "./harness.mjs";

const itemName = (item) => item.quality?.name ?? item.name;
const storedOrder = (profile) => profile.items.map(itemName);

async function profileNamed(name) {
  const { body } = await api("/qualityprofile");
  return body.find((p) => p.name === name);
}

/** The accessible description of a field: the message the editor tied to it. */
const description = (locator) =>
  locator.evaluate((el) =>
    (el.getAttribute("aria-describedby") ?? "")
      .split(" ")
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" "),
  );

test("a new quality profile is reordered, allows two qualities, sets its cutoff and saves", {
  timeout: 60_000,
}, async (t) => {
  await withPage(t, async (page) => {
    const { body: template } = await api("/qualityprofile/schema");
    const order = storedOrder(template);
    const moved = "Bluray-720p";
    const from = order.indexOf(moved);
    const overtaken = order[from + 1];

    await page.goto("/settings");
    await page.getByRole("link", { name: "Edit quality profiles", exact: true }).click();
    await page.waitForURL("**/settings/profiles");
    await page.getByRole("button", { name: "Add profile", exact: true }).click();
    const form = page.getByRole("form", { name: "New quality profile", exact: true });
    await form.getByLabel("Name", { exact: true }).fill("Browser 1080p");

    // Shown best first: "up" makes Bluray-720p rank above the quality after it in storage order.
    await form.getByRole("button", { name: `Move ${moved} up`, exact: true }).click();
    const rows = form.getByRole("list", { name: "Qualities, best first", exact: true }).getByRole("listitem");
    const shown = await rows.allTextContents();
    const movedRow = shown.findIndex((text) => text.includes(moved));
    assert.ok(shown[movedRow + 1].includes(overtaken), `${moved} now shows above ${overtaken}`);

    await form.getByLabel("Allow Bluray-1080p").check();
    await form.getByLabel(`Allow ${moved}`).check();
    const cutoff = form.getByLabel("Cutoff");
    const choices = await cutoff.locator("option").allTextContents();
    assert.deepEqual(
      choices.filter((c) => !c.startsWith("Choose")),
      ["Bluray-1080p", moved],
      "the cutoff offers only the allowed qualities, best first",
    );
    await cutoff.selectOption({ label: "Bluray-1080p" });
    await form.getByRole("button", { name: "Save profile", exact: true }).click();

    const table = page.getByRole("table", { name: "Quality profiles", exact: true });
    await expectSuccess(table.getByRole("cell", { name: "Browser 1080p", exact: true }), page);

    const saved = await profileNamed("Browser 1080p");
    assert.ok(saved, "the profile was created");
    const savedOrder = storedOrder(saved);
    assert.equal(savedOrder.indexOf(moved), from + 1, `${moved} moved one place towards best`);
    assert.equal(savedOrder.indexOf(overtaken), from);
    assert.deepEqual(
      saved.items.filter((i) => i.allowed).map(itemName),
      [moved, "Bluray-1080p"],
      "exactly the two checked qualities are allowed",
    );
    assert.equal(saved.cutoff, saved.items.find((i) => i.quality?.name === "Bluray-1080p").quality.id);
    await api(`/qualityprofile/${saved.id}`, { method: "DELETE" });
  });
});

test("qualities are grouped, the group is dragged to the top and made the cutoff, and saved", {
  timeout: 60_000,
}, async (t) => {
  await withPage(t, async (page) => {
    await page.goto("/settings/profiles");
    await page.getByRole("button", { name: "Add profile", exact: true }).click();
    const form = page.getByRole("form", { name: "New quality profile", exact: true });
    await form.getByLabel("Name", { exact: true }).fill("Browser grouped");
    await form.getByRole("button", { name: "Edit groups", exact: true }).click();
    await form.getByLabel("Select Bluray-2160p").check();
    await form.getByLabel("Select Remux-2160p").check();
    await form.getByRole("button", { name: "Group selected (2)", exact: true }).click();
    await form.getByLabel("Name of group Bluray-2160p / Remux-2160p").fill("UHD disc");
    await form.getByLabel("Allow UHD disc").check();
    await form.getByLabel("Cutoff").selectOption({ label: "UHD disc" });
    // Dragged by its handle onto the top row, the group becomes the best item.
    const rows = form.getByRole("list", { name: "Qualities, best first", exact: true }).getByRole("listitem");
    await rows.filter({ hasText: "Remux-2160p" }).locator(".drag-handle").dragTo(rows.first());
    assert.match(await rows.first().textContent(), /Remux-2160p/);
    await form.getByRole("button", { name: "Save profile", exact: true }).click();
    await expectSuccess(
      page
        .getByRole("table", { name: "Quality profiles", exact: true })
        .getByRole("cell", { name: "Browser grouped", exact: true }),
      page,
    );

    const saved = await profileNamed("Browser grouped");
    const group = saved.items.find((i) => i.name === "UHD disc");
    assert.ok(group && group.id >= 1000, "a group with an id of 1000 or more");
    assert.deepEqual(group.items.map(itemName), ["Bluray-2160p", "Remux-2160p"]);
    assert.equal(group.allowed, true);
    assert.equal(saved.cutoff, group.id);
    assert.equal(saved.items.at(-1), group, "stored worst first, so the best item is last");
    await api(`/qualityprofile/${saved.id}`, { method: "DELETE" });
  });
});

test("a cutoff that is not allowed is refused and the server's error shows at the cutoff", {
  timeout: 60_000,
}, async (t) => {
  await withPage(t, async (page) => {
    await page.goto("/settings/profiles");
    await page.getByRole("button", { name: "Add profile", exact: true }).click();
    const form = page.getByRole("form", { name: "New quality profile", exact: true });
    await form.getByLabel("Name", { exact: true }).fill("Browser bad cutoff");
    await form.getByLabel("Allow DVD", { exact: true }).check();
    // The template's cutoff (Unknown) stays: not an allowed quality.
    const cutoff = form.getByLabel("Cutoff");
    assert.equal(await cutoff.locator("option:checked").textContent(), "Choose an allowed quality");
    await form.getByRole("button", { name: "Save profile", exact: true }).click();

    await form.getByRole("alert").waitFor();
    assert.equal(await cutoff.getAttribute("aria-invalid"), "true");
    assert.match(await description(cutoff), /must be an allowed quality or group/);
    assert.equal(await profileNamed("Browser bad cutoff"), undefined, "nothing was saved");

    // Choosing an allowed cutoff fixes it.
    await cutoff.selectOption({ label: "DVD" });
    await form.getByRole("button", { name: "Save profile", exact: true }).click();
    await expectSuccess(
      page
        .getByRole("table", { name: "Quality profiles", exact: true })
        .getByRole("cell", { name: "Browser bad cutoff", exact: true }),
      page,
    );
    const saved = await profileNamed("Browser bad cutoff");
    await page.getByRole("button", { name: "Delete profile Browser bad cutoff", exact: true }).click();
    await page.getByRole("button", { name: "Yes, delete", exact: true }).click();
    await page.getByRole("cell", { name: "Browser bad cutoff", exact: true }).waitFor({ state: "detached" });
    assert.equal((await api(`/qualityprofile/${saved.id}`)).status, 404);
  });
});

test("a quality definition's sizes are changed and saved, and a bad range shows the server's error", {
  timeout: 60_000,
}, async (t) => {
  await withPage(t, async (page) => {
    const { body: before } = await api("/qualitydefinition");
    const bluray = before.find((d) => d.title === "Bluray-1080p");
    await page.goto("/settings/quality");
    const form = page.getByRole("form", { name: "Quality sizes", exact: true });
    await form.getByLabel("Preferred size of Bluray-1080p").fill("");
    await form.getByLabel("Maximum size of Bluray-1080p").fill("155.5");
    await form.getByRole("button", { name: "Save sizes", exact: true }).click();
    await expectSuccess(form.getByRole("status").filter({ hasText: "Saved" }), form);

    const { body: after } = await api("/qualitydefinition");
    const saved = after.find((d) => d.id === bluray.id);
    assert.equal(saved.maxSize, 155.5);
    assert.equal(saved.preferredSize, null, "an empty preferred size is unlimited");
    assert.equal(saved.minSize, bluray.minSize);

    // Minimum above maximum: the server names the field, and the page shows it there.
    const min = form.getByLabel("Minimum size of Bluray-720p");
    await min.fill("500");
    await form.getByLabel("Maximum size of Bluray-720p").fill("100");
    await form.getByRole("button", { name: "Save sizes", exact: true }).click();
    await form.getByRole("alert").waitFor();
    assert.equal(await min.getAttribute("aria-invalid"), "true");
    assert.match(await description(min), /minSize must not exceed maxSize/);
    const { body: unchanged } = await api("/qualitydefinition");
    assert.notEqual(unchanged.find((d) => d.title === "Bluray-720p").minSize, 500);

    await api("/qualitydefinition/update", { method: "PUT", body: [bluray] });
  });
});
