import { describe, expect, test } from "vitest";
import {
  toClientDownload as delugeDownload,
  delugeErrorFailure,
  delugeStalled,
} from "../../src/providers/downloadClients/deluge/status";
import { nzbgetFailure } from "../../src/providers/downloadClients/nzbget/status";
import {
  itemOf,
  toClientDownload as rtorrentDownload,
  rtorrentFailure,
} from "../../src/providers/downloadClients/rtorrent/status";
import {
  decodeCall,
  decodeResponse,
  encodeCall,
  XmlRpcFault,
} from "../../src/providers/downloadClients/rtorrent/xmlrpc";

describe("Deluge, NZBGet and rTorrent failure signals on the taxonomy", () => {
  test.each([
    ["Error: No space left on device", "diskFull"],
    ["Error: Permission denied: '/movies'", "permissionDenied"],
    ["Error: Failed hash check: Piece #12 is corrupt", "hashMismatch"],
    ["Missing or invalid torrent data!", "hashMismatch"],
  ])("Deluge's Error state with %j is %s", (message, kind) => {
    expect(delugeErrorFailure({ state: "Error", message })?.kind).toBe(kind);
    // Only the Error state fails a torrent: the same words on a downloading torrent are not a failure.
    expect(delugeErrorFailure({ state: "Downloading", message })).toBeUndefined();
  });

  test("a Deluge torrent downloading with no peers and nothing arriving is stalled; a resolving magnet is not", () => {
    const torrent = {
      hash: "ABC",
      name: "x",
      state: "Downloading",
      progress: 40,
      eta: 0,
      message: "OK",
      is_finished: false,
      save_path: "/downloads",
      total_size: 100,
      total_done: 40,
      download_payload_rate: 0,
      num_peers: 0,
    };
    expect(delugeStalled(torrent)).toBe(true);
    expect(delugeDownload(torrent)).toMatchObject({
      downloadId: "abc",
      status: "warning",
      stalled: true,
      sizeleft: 60,
    });
    expect(delugeStalled({ ...torrent, total_size: 0, total_done: 0 })).toBe(false);
    expect(delugeStalled({ ...torrent, num_peers: 3 })).toBe(false);
  });

  test.each([
    [{ Status: "FAILURE/PAR", ParStatus: "FAILURE" }, "hashMismatch"],
    [{ Status: "FAILURE/HEALTH" }, "hashMismatch"],
    [{ Status: "DELETED/HEALTH", DeleteStatus: "HEALTH" }, "hashMismatch"],
    [{ Status: "FAILURE/UNPACK", UnpackStatus: "SPACE" }, "diskFull"],
    [{ Status: "WARNING/SPACE" }, "diskFull"],
    [{ Status: "FAILURE/UNPACK", UnpackStatus: "PASSWORD" }, "importFailed"],
    [{ Status: "FAILURE/UNPACK", UnpackStatus: "FAILURE" }, "importFailed"],
    [{ Status: "FAILURE/MOVE", MoveStatus: "FAILURE" }, "permissionDenied"],
    [{ Status: "FAILURE/BAD" }, "downloadFailed"],
    [{ Status: "DELETED/MANUAL", DeleteStatus: "MANUAL" }, "downloadFailed"],
  ])("NZBGet history %j is %s", (item, kind) => {
    const base = { ParStatus: "NONE", UnpackStatus: "NONE", MoveStatus: "NONE", DeleteStatus: "NONE" };
    expect(nzbgetFailure({ ...base, ...item })?.kind).toBe(kind);
  });

  test("NZBGet successes and script warnings are not failures", () => {
    const base = { ParStatus: "SUCCESS", UnpackStatus: "SUCCESS", MoveStatus: "SUCCESS", DeleteStatus: "NONE" };
    expect(nzbgetFailure({ ...base, Status: "SUCCESS/ALL" })).toBeUndefined();
    expect(nzbgetFailure({ ...base, Status: "WARNING/SCRIPT" })).toBeUndefined();
  });

  test.each([
    ['Hash check on download completion found bad chunks, consider using "safe_sync".', "hashMismatch"],
    ["Storage error: [No space left on device]", "diskFull"],
    ["Storage error: [Permission denied]", "permissionDenied"],
    ["Storage error: [Movie.mkv: No such file or directory]", "hashMismatch"],
    ['Tracker: [Failure reason "Unregistered torrent"]', "downloadFailed"],
  ])("rTorrent's d.message %j is %s", (message, kind) => {
    expect(rtorrentFailure(message)?.kind).toBe(kind);
  });

  test("rTorrent tracker hiccups are shown, not failures; a stopped torrent is paused", () => {
    expect(rtorrentFailure("Tracker: [Timeout was reached]")).toBeUndefined();
    expect(rtorrentFailure("Tracker: [Could not resolve host]")).toBeUndefined();
    const row = ["ABCDEF", "Movie", "/d/Movie", "/d/Movie", "radarr", 100, 50, 0, 1, 0, 0, 0, "", 0, 1];
    expect(rtorrentDownload(itemOf(row))).toMatchObject({ downloadId: "abcdef", status: "paused", progress: 0.5 });
    const active = [...row];
    active[9] = 1;
    expect(rtorrentDownload(itemOf(active))).toMatchObject({ status: "warning", stalled: true });
  });
});

describe("the XML-RPC codec", () => {
  test("a call round-trips strings, integers, base64, arrays and escaping", () => {
    const bytes = new Uint8Array([0, 1, 254, 255]);
    const xml = encodeCall("load.raw_start", ["", bytes, "d.custom1.set=a&b<c>", 2 ** 33, true, [1, "x"]]);
    expect(xml).toContain("<i8>8589934592</i8>");
    expect(xml).toContain("a&amp;b&lt;c&gt;");
    const decoded = decodeCall(xml);
    expect(decoded.method).toBe("load.raw_start");
    expect(decoded.params).toEqual(["", bytes, "d.custom1.set=a&b<c>", 2 ** 33, true, [1, "x"]]);
  });

  test("rTorrent's responses: untyped strings, structs, nested arrays; a fault throws", () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<methodResponse><params><param><value><array><data>
<value><array><data><value><string>ABC</string></value><value><i8>1024</i8></value><value>plain</value></data></array></value>
</data></array></value></param></params></methodResponse>`;
    expect(decodeResponse(xml)).toEqual([["ABC", 1024, "plain"]]);
    const fault = `<methodResponse><fault><value><struct><member><name>faultCode</name><value><i4>-501</i4></value></member><member><name>faultString</name><value><string>Could not find info-hash.</string></value></member></struct></value></fault></methodResponse>`;
    expect(() => decodeResponse(fault)).toThrow(XmlRpcFault);
    expect(() => decodeResponse(fault)).toThrow(/info-hash/);
    expect(() => decodeResponse("<html>502 Bad Gateway</html>")).toThrow();
  });
});
