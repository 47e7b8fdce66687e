import { describe, expect, test } from "vitest";
import type { Env } from "../../src/config";
import {
  maskNotificationSettings,
  openNotificationSettings,
  sealNotificationSettings,
  unmaskNotificationSettings,
} from "../../src/services/notificationSecrets";

// A fixed 32-byte key, base64, as ENCRYPTION_KEY holds it.
const env = { ENCRYPTION_KEY: btoa("n".repeat(32)) } as Env;
const webhook = {
  url: "https://hooks.example/in/abc?token=t0ken",
  method: "POST",
  headers: [{ key: "Authorization", value: "Bearer s3cret" }],
};

describe("notification secrets", () => {
  test("a response shows the address and header values masked, header names and other settings as they are", () => {
    expect(maskNotificationSettings("Webhook", webhook)).toEqual({
      url: "********",
      method: "POST",
      headers: [{ key: "Authorization", value: "********" }],
    });
    expect(maskNotificationSettings("Discord", { webHookUrl: "https://d/x/y", username: "Bot" })).toEqual({
      webHookUrl: "********",
      username: "Bot",
    });
  });

  test("sealed settings hold no secret in plain text and open back to the originals", async () => {
    const sealed = await sealNotificationSettings(env, "Webhook", webhook);
    expect(JSON.stringify(sealed)).not.toMatch(/t0ken|s3cret|hooks\.example/);
    expect(sealed.method).toBe("POST");
    expect(await openNotificationSettings(env, "Webhook", sealed)).toEqual(webhook);
  });

  test("******** sent back takes the saved value; a masked header takes the saved header of its name", async () => {
    const saved = await sealNotificationSettings(env, "Webhook", webhook);
    const given = {
      url: "********",
      method: "PUT",
      headers: [
        { key: "authorization", value: "********" },
        { key: "X-New", value: "********" },
      ],
    };
    expect(await unmaskNotificationSettings(env, "Webhook", given, saved)).toEqual({
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
    expect(await unmaskNotificationSettings(env, "Webhook", given, undefined)).toBe(given);
    const saved = await sealNotificationSettings(env, "Webhook", webhook);
    expect(await unmaskNotificationSettings(env, "Webhook", given, saved)).toEqual({
      url: webhook.url,
      headers: ["not an object"],
    });
  });
});
