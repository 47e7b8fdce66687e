import { env } from "cloudflare:workers";
import { describe, expect, test } from "vitest";
import { decodeResponse, encodeCall, type XmlRpcValue } from "../../src/providers/downloadClients/rtorrent/xmlrpc";

/**
 * The simulated Deluge, NZBGet and rTorrent (sim/src/downloads/{deluge,nzbget,rtorrent}.ts) spoken
 * to directly: the protocol details the app's clients rely on (sessions, auth, errors and faults).
 */

const SIM = env.TMDB_API_URL.replace(/\/tmdb$/, "");
const unique = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;

describe("the simulated Deluge Web UI", () => {
  const rpc = async (method: string, params: unknown[], cookie?: string) => {
    const res = await fetch(`${SIM}/deluge/json`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({ method, params, id: 7 }),
    });
    expect(res.status).toBe(200);
    return {
      body: await res.json<{ result: unknown; error: { code: number; message: string } | null; id: number }>(),
      cookie: res.headers.get("set-cookie")?.split(";")[0],
    };
  };

  test("a session cookie from auth.login, a daemon to connect to, then the core", async () => {
    expect((await rpc("daemon.info", [])).body.error).toEqual({ code: 1, message: "Not authenticated" });
    expect((await rpc("auth.login", ["wrong-password"])).body).toMatchObject({ result: false, error: null, id: 7 });
    const login = await rpc("auth.login", [unique("deluge")]);
    expect(login.body.result).toBe(true);
    expect(login.cookie).toMatch(/^_session_id=[0-9a-f]{32}$/);
    const session = login.cookie;
    expect((await rpc("web.connected", [], session)).body.result).toBe(false);
    expect((await rpc("daemon.info", [], session)).body.error?.message).toMatch(/Not connected/);
    const hosts = (await rpc("web.get_hosts", [], session)).body.result as [string][];
    await rpc("web.connect", [hosts[0][0]], session);
    expect((await rpc("daemon.info", [], session)).body.result).toMatch(/^2\.\d+\.\d+$/);
    expect((await rpc("label.add", ["Bad Label!"], session)).body.error?.message).toMatch(/Invalid label/);
    await rpc("label.add", ["radarr"], session);
    expect((await rpc("label.add", ["radarr"], session)).body.error?.message).toBe("Label already exists");
    expect((await rpc("core.remove_torrent", ["00".repeat(20), false], session)).body.error?.code).toBe(3);
    expect((await rpc("core.no_such_method", [], session)).body.error?.code).toBe(2);
    const ui = (await rpc("web.update_ui", [["name"], {}], session)).body.result as { torrents: object };
    expect(ui.torrents).toEqual({});
  });
});

describe("the simulated NZBGet", () => {
  const rpc = (method: string, params: unknown[], user = "nzb-sim", password = "pass") =>
    fetch(`${SIM}/nzbget/jsonrpc`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Basic ${btoa(`${user}:${password}`)}` },
      body: JSON.stringify({ method, params, id: 1 }),
    });

  test("basic auth, JSON-RPC errors, append's 0 for a file that is no NZB, editqueue's false for unknown ids", async () => {
    expect((await rpc("version", [], "nzb-sim", "wrong-password")).status).toBe(401);
    const user = unique("nzb");
    expect(await (await rpc("version", [], user)).json()).toMatchObject({ version: "1.1", result: "24.3" });
    expect(await (await rpc("nope", [], user)).json()).toMatchObject({ error: { message: "Invalid procedure" } });
    expect(await (await rpc("append", ["x.nzb", btoa("not an nzb"), "Movies", 0], user)).json()).toMatchObject({
      result: 0,
    });
    expect(await (await rpc("editqueue", ["GroupDelete", "", [999]], user)).json()).toMatchObject({ result: false });
    const config = (await (await rpc("config", [], user)).json<{ result: { Name: string; Value: string }[] }>()).result;
    expect(config).toEqual(expect.arrayContaining([{ Name: "Category1.Name", Value: "Movies" }]));
    const status = (await (await rpc("status", [], user)).json<{ result: Record<string, unknown> }>()).result;
    expect(status).toMatchObject({ DownloadPaused: false, FreeDiskSpaceMB: expect.any(Number) });
  });
});

describe("the simulated rTorrent", () => {
  const rpc = async (method: string, params: XmlRpcValue[], password = "pass") => {
    const res = await fetch(`${SIM}/rtorrent/RPC2`, {
      method: "POST",
      headers: { "content-type": "text/xml", authorization: `Basic ${btoa(`rt-sim:${password}`)}` },
      body: encodeCall(method, params),
    });
    return { status: res.status, text: await res.text() };
  };

  test("XML-RPC over HTTP: faults for unknown hashes and methods, df through execute.capture", async () => {
    expect((await rpc("system.client_version", [], "wrong")).status).toBe(401);
    expect(decodeResponse((await rpc("system.client_version", [])).text)).toBe("0.9.8");
    const unknownHash = (await rpc("d.name", ["AB".repeat(20)])).text;
    expect(() => decodeResponse(unknownHash)).toThrow(/Could not find info-hash/);
    const unknownMethod = (await rpc("d.fly", ["AB".repeat(20)])).text;
    expect(unknownMethod).toContain("<fault>");
    const df = String(decodeResponse((await rpc("execute.capture", ["", "df", "-P", "-B1", "/downloads"])).text));
    expect(df.trim().split("\n")[1].split(/\s+/)[3]).toMatch(/^\d+$/);
    expect(decodeResponse((await rpc("d.multicall2", ["", "main", "d.hash="])).text)).toEqual([]);
    const ruTorrent = await fetch(`${SIM}/rtorrent/plugins/httprpc/action.php`, {
      method: "POST",
      headers: { "content-type": "text/xml" },
      body: encodeCall("system.client_version", []),
    });
    expect(decodeResponse(await ruTorrent.text())).toBe("0.9.8");
  });
});
