import { describe, expect, test } from "vitest";
import type { Env } from "../../src/config";
import { NOTIFICATIONS } from "../../src/providers/notifications";
import { givenSettings } from "../../src/providers/resource";
import { maskSettings, openSettings, sealSettings } from "../../src/services/secrets";

// A fixed 32-byte key, base64, as ENCRYPTION_KEY holds it.
const env = { ENCRYPTION_KEY: btoa("n".repeat(32)) } as Env;
const webhookDefinition = NOTIFICATIONS.get("Webhook");
const secrets = (implementation: string) => NOTIFICATIONS.get(implementation).secretFields;
const webhook = {
  url: "https://hooks.example/in/abc?token=t0ken",
  method: "POST",
  headers: [{ key: "Authorization", value: "Bearer s3cret" }],
};
const asFields = (settings: Record<string, unknown>) =>
  Object.entries(settings).map(([name, value]) => ({ name, value }));
const savedWebhook = async () => ({
  implementation: "Webhook",
  settings: await sealSettings(env, webhook, secrets("Webhook")),
});

describe("notification secrets", () => {
  test("a response shows the address and header values masked, header names and other settings as they are", () => {
    expect(maskSettings(webhook, secrets("Webhook"))).toEqual({
      url: "********",
      method: "POST",
      headers: [{ key: "Authorization", value: "********" }],
    });
    expect(maskSettings({ webHookUrl: "https://d/x/y", username: "Bot" }, secrets("Discord"))).toEqual({
      webHookUrl: "********",
      username: "Bot",
    });
  });

  test("sealed settings hold no secret in plain text and open back to the originals", async () => {
    const { settings: sealed } = await savedWebhook();
    expect(JSON.stringify(sealed)).not.toMatch(/t0ken|s3cret|hooks\.example/);
    expect(sealed.method).toBe("POST");
    expect(await openSettings(env, sealed, secrets("Webhook"))).toEqual(webhook);
  });

  test("******** sent back takes the saved value; a masked header takes the saved header of its name", async () => {
    const given = {
      url: "********",
      method: "PUT",
      headers: [
        { key: "authorization", value: "********" },
        { key: "X-New", value: "********" },
      ],
    };
    expect(await givenSettings(env, webhookDefinition, asFields(given), await savedWebhook())).toEqual({
      url: webhook.url,
      method: "PUT",
      headers: [
        { key: "authorization", value: "Bearer s3cret" },
        // Nothing saved under that name: left masked, so it is sent as typed.
        { key: "X-New", value: "********" },
      ],
    });
  });

  test("without a saved target, or with malformed headers, the body is left for validation", async () => {
    const given = { url: "********", headers: ["not an object"] };
    // Nothing saved: the masked address stands for nothing, so validation asks for one.
    expect(await givenSettings(env, webhookDefinition, asFields(given), undefined)).toEqual({
      url: undefined,
      headers: ["not an object"],
    });
    expect(await givenSettings(env, webhookDefinition, asFields(given), await savedWebhook())).toEqual({
      url: webhook.url,
      headers: ["not an object"],
    });
  });
});
