import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import {
  addClient,
  type DownloadClient,
  qbittorrentBody,
  SIM,
  sabnzbdBody,
  transmissionBody,
  unique,
} from "./downloads-helpers";
import { call, expectFieldError, getJson, sendJson } from "./helpers";

const field = (client: DownloadClient, name: string) => client.fields.find((f) => f.name === name);

describe("/api/v3/downloadclient", () => {
  test("schema lists qBittorrent, SABnzbd, Transmission, Deluge, NZBGet and rTorrent in the provider shape", async () => {
    const templates = await getJson<DownloadClient[]>("/api/v3/downloadclient/schema");
    expect(templates.map((t) => [t.implementation, t.protocol])).toEqual([
      ["QBittorrent", "torrent"],
      ["Sabnzbd", "usenet"],
      ["Transmission", "torrent"],
      ["Deluge", "torrent"],
      ["Nzbget", "usenet"],
      ["RTorrent", "torrent"],
    ]);
    const qb = templates[0];
    expect(qb.fields.map((f) => f.name)).toEqual(
      expect.arrayContaining(["host", "port", "username", "password", "movieCategory", "savePath"]),
    );
    expect(field(qb, "port")?.value).toBe(8080);
    expect(field(qb, "password")?.privacy).toBe("password");
    expect(field(templates[2], "urlBase")?.value).toBe("/transmission/");
  });

  test("create (tested first), read, update and delete; secrets are stored encrypted and shown masked", async () => {
    const created = await addClient(qbittorrentBody());
    expect(created).toMatchObject({ implementation: "QBittorrent", protocol: "torrent", enable: true, priority: 1 });
    expect(field(created, "password")?.value).toBe("********");
    const stored = await env.DB.prepare("select settings from download_clients where id = ?")
      .bind(created.id)
      .first<{ settings: string }>();
    expect(JSON.parse(stored?.settings ?? "{}").password).toMatch(/^enc:v1:/);
    expect(stored?.settings).not.toContain("secret-pass");

    // Echoing the masked password back keeps the stored one (the save test logs in with it).
    const fields = created.fields.map((f) => (f.name === "movieCategory" ? { ...f, value: "movies-hd" } : f));
    const updated = await sendJson<DownloadClient>(
      "PUT",
      `/api/v3/downloadclient/${created.id}`,
      { ...created, fields, priority: 5 },
      202,
    );
    expect(updated.priority).toBe(5);
    expect(field(updated, "movieCategory")?.value).toBe("movies-hd");
    expect((await getJson<DownloadClient>(`/api/v3/downloadclient/${created.id}`)).priority).toBe(5);

    expect((await call("DELETE", `/api/v3/downloadclient/${created.id}`)).status).toBe(200);
    expect((await call("GET", `/api/v3/downloadclient/${created.id}`)).status).toBe(404);
  });

  test("bad input is a 400 naming the field", async () => {
    await expectFieldError(
      await call("POST", "/api/v3/downloadclient", { body: { ...qbittorrentBody(), implementation: "uTorrent" } }),
      "implementation",
    );
    const badPort = qbittorrentBody();
    badPort.fields = badPort.fields.map((f) => (f.name === "port" ? { ...f, value: 70000 } : f));
    await expectFieldError(await call("POST", "/api/v3/downloadclient", { body: badPort }), "fields.port");
    const noKey = sabnzbdBody();
    noKey.fields = noKey.fields.filter((f) => f.name !== "apiKey");
    await expectFieldError(await call("POST", "/api/v3/downloadclient", { body: noKey }), "fields.apiKey");
    await expectFieldError(
      await call("POST", "/api/v3/downloadclient", { body: { ...qbittorrentBody(), priority: 0 } }),
      "priority",
    );
    const first = await addClient(qbittorrentBody());
    await expectFieldError(
      await call("POST", "/api/v3/downloadclient", { body: { ...qbittorrentBody(), name: first.name } }),
      "name",
    );
  });

  test("a wrong password fails the save and the test, naming the password", async () => {
    const body = qbittorrentBody();
    body.fields = body.fields.map((f) => (f.name === "password" ? { ...f, value: "wrong-password" } : f));
    const res = await call("POST", "/api/v3/downloadclient", { body });
    const error = await expectFieldError(res, "fields.password");
    expect(error.message).toMatch(/authenticationFailed/);
    await expectFieldError(await call("POST", "/api/v3/downloadclient/test", { body }), "fields.password");
    // forceSave keeps it without testing, as Radarr's "save anyway" does.
    const saved = await call("POST", "/api/v3/downloadclient?forceSave=true", { body });
    expect(saved.status).toBe(201);
  });

  test("test connects to each client: qBittorrent login cookie, SABnzbd API key, Transmission session id", async () => {
    for (const body of [qbittorrentBody(), sabnzbdBody(), transmissionBody()]) {
      const result = await sendJson<{ isValid: boolean; version: string }>(
        "POST",
        "/api/v3/downloadclient/test",
        body,
        200,
      );
      expect(result.isValid, body.implementation).toBe(true);
      expect(result.version).toMatch(/\d+\.\d+/);
    }
    const badKey = sabnzbdBody("wrong-key");
    await expectFieldError(await call("POST", "/api/v3/downloadclient/test", { body: badKey }), "fields.apiKey");
  });

  test("an unreachable client fails the test naming the host", async () => {
    const body = qbittorrentBody();
    body.fields = body.fields.map((f) => (f.name === "port" ? { ...f, value: 9 } : f));
    const error = await expectFieldError(await call("POST", "/api/v3/downloadclient/test", { body }), "fields.host");
    expect(error.message).toMatch(/connection(Failed|Timeout)/);
  });

  test("testall reports each saved client", async () => {
    const good = await addClient(transmissionBody());
    const bad = await addClient({
      ...sabnzbdBody(unique("wrong")),
      fields: sabnzbdBody().fields.map((f) => (f.name === "apiKey" ? { ...f, value: "wrong-key" } : f)),
      enable: false,
    });
    const results = await sendJson<{ id: number; isValid: boolean; validationFailures: { propertyName: string }[] }[]>(
      "POST",
      "/api/v3/downloadclient/testall",
      {},
      200,
    );
    expect(results.find((r) => r.id === good.id)?.isValid).toBe(true);
    expect(results.find((r) => r.id === bad.id)).toMatchObject({
      isValid: false,
      validationFailures: [{ propertyName: "authenticationFailed" }],
    });
  });

  test("a session qBittorrent refuses (403) is dropped and the login made again", async () => {
    const body = qbittorrentBody();
    const client = await addClient(body);
    const logins = async () =>
      (
        await (
          await fetch(`${SIM}/__sim/calls?service=qbittorrent&path=/api/v2/auth/login`)
        ).json<{
          count: number;
        }>()
      ).count;
    const username = String(body.fields.find((f) => f.name === "username")?.value);
    // The simulator refuses the session and the next login once.
    const fault = await fetch(`${SIM}/qbittorrent/__faults`, {
      method: "POST",
      body: JSON.stringify({ kind: "authFailure", instance: username, times: 1 }),
    });
    expect(fault.status).toBe(201);
    const before = await logins();
    const refused = await sendJson<{ id: number; isValid: boolean; validationFailures: { propertyName: string }[] }[]>(
      "POST",
      "/api/v3/downloadclient/testall",
      {},
      200,
    );
    expect(refused.find((r) => r.id === client.id)).toMatchObject({
      isValid: false,
      validationFailures: [{ propertyName: "authenticationFailed" }],
    });
    // Other test files log in too: at least this one's re-login happened.
    const afterRefusal = await logins();
    expect(afterRefusal).toBeGreaterThanOrEqual(before + 1);
    const renewed = await sendJson<{ id: number; isValid: boolean }[]>(
      "POST",
      "/api/v3/downloadclient/testall",
      {},
      200,
    );
    expect(renewed.find((r) => r.id === client.id)?.isValid).toBe(true);
    expect(await logins()).toBeGreaterThanOrEqual(afterRefusal + 1);
  });
});
