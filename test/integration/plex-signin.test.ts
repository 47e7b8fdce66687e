import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, test } from "vitest";
import { addRootFolder, call, expectFieldError, qualityProfileId, sendJson } from "./helpers";

// Sign in with Plex (Radarr's PIN flow) through the import list actions, against the simulated
// plex.tv: its test controls claim or expire a PIN as the user would on app.plex.tv.

const PLEX_SIM_TOKEN = "plex-sim-token";
const ACTION = "/api/v3/importlist/action";

interface StartedSignIn {
  oauthUrl: string;
  pinId: number;
  code: string;
  expiresAt: string | null;
}

const form = { implementation: "PlexImport", fields: [] };

async function start(query = ""): Promise<StartedSignIn> {
  return sendJson<StartedSignIn>("POST", `${ACTION}/startOAuth${query}`, form, 200);
}

function poll(pinId: number | string): Promise<Response> {
  return call("POST", `${ACTION}/getOAuthToken?pinId=${pinId}`, { body: form });
}

async function simPin(pinId: number, control: "claim" | "expire") {
  const res = await fetch(`${env.PLEX_TV_URL}/__pins/${pinId}/${control}`, { method: "POST" });
  expect(res.status, `${control} PIN ${pinId}`).toBe(200);
}

async function listBody(accessToken: string) {
  return {
    name: `Plex watchlist ${crypto.randomUUID().slice(0, 8)}`,
    implementation: "PlexImport",
    qualityProfileId: await qualityProfileId(),
    rootFolderPath: "/movies",
    fields: [{ name: "accessToken", value: accessToken }],
  };
}

/** Signs in all the way: start, the user allows on plex.tv, one poll. The sealed token. */
async function signedIn(): Promise<string> {
  const { pinId } = await start();
  await simPin(pinId, "claim");
  const claimed = await sendJson<{ accessToken: string }>("POST", `${ACTION}/getOAuthToken?pinId=${pinId}`, form, 200);
  return claimed.accessToken;
}

beforeEach(async () => {
  await addRootFolder();
});

describe("Sign in with Plex", () => {
  test("startOAuth makes a PIN on plex.tv and answers the auth page with its code, client and forward URL", async () => {
    const callback = "https://edge.example/lists/7";
    const started = await start(`?callbackUrl=${encodeURIComponent(callback)}`);
    expect(started.pinId).toBeGreaterThan(0);
    expect(started.code).toMatch(/^[a-z0-9]{25}$/);
    expect(started.oauthUrl.startsWith(`${env.PLEX_APP_URL}/auth#?`)).toBe(true);
    const params = new URLSearchParams(started.oauthUrl.split("#?")[1]);
    expect(params.get("code")).toBe(started.code);
    expect(params.get("clientID")).toMatch(/^radarr-edge-[0-9a-f]{24}$/);
    expect(params.get("context[device][product]")).toBe("Radarr Edge");
    expect(params.get("forwardUrl")).toBe(callback);
    expect(Date.parse(started.expiresAt ?? "")).toBeGreaterThan(0);
  });

  test("the PIN is pending until the user signs in, then its token comes back sealed, never in clear", async () => {
    const { pinId } = await start();
    const pending = await poll(pinId);
    expect(pending.status).toBe(200);
    expect(await pending.json()).toMatchObject({ status: "pending", pinId });

    await simPin(pinId, "claim");
    const claimed = await poll(pinId);
    const text = await claimed.text();
    expect(claimed.status, text).toBe(200);
    expect(text.includes(PLEX_SIM_TOKEN)).toBe(false);
    expect(JSON.parse(text)).toMatchObject({
      status: "claimed",
      pinId,
      accessToken: expect.stringMatching(/^enc:v1:/),
    });
  });

  test("saving the list with the sealed token stores it encrypted, shows it masked, and the list reads Plex with it", async () => {
    const sealed = await signedIn();
    const body = await listBody(sealed);
    const tested = await sendJson<{ isValid: boolean; items: number }>("POST", "/api/v3/importlist/test", body, 200);
    expect(tested).toMatchObject({ isValid: true });
    expect(tested.items).toBeGreaterThan(0);

    const saved = await sendJson<{ id: number; fields: { name: string; value: unknown }[] }>(
      "POST",
      "/api/v3/importlist",
      body,
      201,
    );
    expect(saved.fields.find((f) => f.name === "accessToken")?.value).toBe("********");
    const row = await env.DB.prepare("SELECT settings FROM import_lists WHERE id = ?")
      .bind(saved.id)
      .first<{ settings: string }>();
    expect(row?.settings).toMatch(/enc:v1:/);
    expect(row?.settings.includes(PLEX_SIM_TOKEN)).toBe(false);
    // Not the form's sealed value kept as sent: the server opened it and sealed it afresh.
    expect(row?.settings.includes(sealed)).toBe(false);
    const retest = { ...body, id: saved.id, fields: [{ name: "accessToken", value: "********" }] };
    expect(await sendJson("POST", "/api/v3/importlist/test", retest, 200)).toMatchObject({ isValid: true });
  });

  test("an expired PIN is a clear 400 on pinId: sign in again", async () => {
    const { pinId } = await start();
    await simPin(pinId, "expire");
    const body = await expectFieldError(await poll(pinId), "pinId");
    expect(body.message).toMatch(/expired/i);
  });

  test("bad input is a 400 naming the field, never a 5xx", async () => {
    await expectFieldError(await poll("abc"), "pinId");
    await expectFieldError(await call("POST", `${ACTION}/getOAuthToken`, { body: form }), "pinId");
    await expectFieldError(
      await call("POST", `${ACTION}/startOAuth?callbackUrl=${encodeURIComponent("javascript:alert(1)")}`, {
        body: form,
      }),
      "callbackUrl",
    );
    const sealed = await signedIn();
    const tampered = `${sealed.slice(0, -6)}AAAAAA`;
    await expectFieldError(
      await call("POST", "/api/v3/importlist", { body: await listBody(tampered) }),
      "fields.accessToken",
    );
  });

  test("the actions are behind the API key", async () => {
    const res = await call("POST", `${ACTION}/startOAuth`, { body: form, key: null });
    expect(res.status).toBe(401);
  });
});
