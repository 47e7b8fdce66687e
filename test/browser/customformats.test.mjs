import assert from "node:assert/strict";
import { test } from "node:test";
import { api, expectSuccess, withPage } from "./harness.mjs";

async function formatNamed(name) {
  const { body } = await api("/customformat");
  return body.find((f) => f.name === name);
}

test("a custom format with a release title regex is created, tested on a release name and deleted", {
  timeout: 60_000,
}, async (t) => {
  await withPage(t, async (page) => {
    await page.goto("/settings");
    await page
      .getByRole("navigation", { name: "Settings", exact: true })
      .getByRole("link", { name: "Custom formats", exact: true })
      .click();
    await page.waitForURL("**/settings/customformats");
    await page.getByRole("button", { name: "Add custom format", exact: true }).click();
    const form = page.getByRole("form", { name: "New custom format", exact: true });
    await form.getByLabel("Name", { exact: true }).fill("Browser Remux");
    await form.getByLabel("Include in renaming").check();
    await form.getByLabel("Condition type").selectOption({ label: "Release Title" });
    await form.getByRole("button", { name: "Add condition", exact: true }).click();
    const condition = form.getByRole("group", { name: "Condition 1: Release Title", exact: true });
    await condition.getByLabel("Condition name").fill("REMUX tag");
    await condition.getByLabel("Regular Expression").fill(String.raw`\bREMUX\b`);
    await condition.getByLabel("Required").check();
    await form.getByRole("button", { name: "Save format", exact: true }).click();
    // Once saved, the editor edits the stored format.
    const editor = page.getByRole("form", { name: "Edit Browser Remux", exact: true });
    await expectSuccess(editor.getByRole("status").filter({ hasText: "Saved" }), page);

    const saved = await formatNamed("Browser Remux");
    assert.ok(saved, "the format was created");
    assert.equal(saved.includeCustomFormatWhenRenaming, true);
    assert.equal(saved.specifications.length, 1);
    const [spec] = saved.specifications;
    assert.equal(spec.implementation, "ReleaseTitleSpecification");
    assert.equal(spec.name, "REMUX tag");
    assert.equal(spec.required, true);
    assert.equal(spec.fields.find((f) => f.name === "value").value, String.raw`\bREMUX\b`);

    // The tester asks the server, which matches the saved format.
    const tester = page.getByRole("region", { name: "Test a release name", exact: true });
    await tester.getByLabel("Release name to test").fill("Some.Movie.2010.1080p.BluRay.REMUX.AVC.DTS-HD.MA.5.1-GRP");
    await tester.getByRole("button", { name: "Test", exact: true }).click();
    const outcome = tester.getByRole("status");
    await expectSuccess(outcome.getByText("Matches", { exact: true }), tester);
    await outcome
      .getByRole("list", { name: "Matched custom formats", exact: true })
      .getByText("Browser Remux")
      .waitFor();

    await tester.getByLabel("Release name to test").fill("Some.Movie.2010.1080p.BluRay.x264-GRP");
    await tester.getByRole("button", { name: "Test", exact: true }).click();
    await outcome.getByText("No match", { exact: true }).waitFor();

    // Unsaved edits are not what the server tests: the page says so.
    assert.equal(await tester.getByText("save to test your changes").count(), 0);
    await editor.getByLabel("Name", { exact: true }).fill("Browser Remux 2");
    await tester.getByText("save to test your changes").waitFor();

    await editor.getByRole("button", { name: "Cancel", exact: true }).click();
    const table = page.getByRole("table", { name: "Custom formats", exact: true });
    await table.getByRole("cell", { name: "Browser Remux", exact: true }).waitFor();
    await table.getByRole("button", { name: "Delete format Browser Remux", exact: true }).click();
    await table.getByRole("button", { name: "Yes, delete", exact: true }).click();
    await table.getByRole("cell", { name: "Browser Remux", exact: true }).waitFor({ state: "detached" });
    assert.equal(await formatNamed("Browser Remux"), undefined, "the format was deleted");
  });
});

test("an invalid regular expression is refused and the server's error shows at the field", {
  timeout: 60_000,
}, async (t) => {
  await withPage(t, async (page) => {
    await page.goto("/settings/customformats");
    await page.getByRole("button", { name: "Add custom format", exact: true }).click();
    const form = page.getByRole("form", { name: "New custom format", exact: true });
    await form.getByLabel("Name", { exact: true }).fill("Browser broken regex");
    await form.getByLabel("Condition type").selectOption({ label: "Release Title" });
    await form.getByRole("button", { name: "Add condition", exact: true }).click();
    await form.getByLabel("Condition type").selectOption({ label: "Size" });
    await form.getByRole("button", { name: "Add condition", exact: true }).click();
    const size = form.getByRole("group", { name: "Condition 2: Size", exact: true });
    await size.getByLabel("Minimum (GB)").fill("1");
    await size.getByLabel("Maximum (GB)").fill("20");
    const regex = form
      .getByRole("group", { name: "Condition 1: Release Title", exact: true })
      .getByLabel("Regular Expression");
    await regex.fill("(unclosed");
    await form.getByRole("button", { name: "Save format", exact: true }).click();

    await form.getByRole("alert").waitFor();
    assert.equal(await regex.getAttribute("aria-invalid"), "true");
    const message = await regex.evaluate(
      (el) => document.getElementById(el.getAttribute("aria-describedby")).textContent,
    );
    assert.match(message, /invalid regular expression/);
    assert.equal(await size.getByLabel("Maximum (GB)").getAttribute("aria-invalid"), null, "the size is fine");
    assert.equal(await formatNamed("Browser broken regex"), undefined, "nothing was saved");

    await regex.fill("(closed)");
    await form.getByRole("button", { name: "Save format", exact: true }).click();
    await expectSuccess(
      page
        .getByRole("form", { name: "Edit Browser broken regex", exact: true })
        .getByRole("status")
        .filter({ hasText: "Saved" }),
      page,
    );
    const saved = await formatNamed("Browser broken regex");
    const sizeSpec = saved.specifications.find((s) => s.implementation === "SizeSpecification");
    assert.deepEqual(
      sizeSpec.fields.map((f) => [f.name, f.value]),
      [
        ["min", 1],
        ["max", 20],
      ],
    );
    await api(`/customformat/${saved.id}`, { method: "DELETE" });
  });
});
