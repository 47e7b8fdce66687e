import { exports } from "cloudflare:workers";
import { expect, test } from "vitest";

test("ping answers without a key", async () => {
  const res = await exports.default.fetch("http://app.test/ping");
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ status: "OK" });
});
