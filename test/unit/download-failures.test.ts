import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import { Failure } from "../../src/domain/failures/failure";
import { FAILURE_KINDS, failureKindForStatus, isTransient } from "../../src/domain/failures/kinds";
import {
  blockedUntil,
  DOWNLOAD_FAILURE_HANDLING,
  RETRY_POLICIES,
  retryDelaySeconds,
} from "../../src/domain/failures/policies";
import {
  classifyFailureMessage,
  qbittorrentMoveFailure,
  qbittorrentStateFailure,
  sabnzbdFailure,
  transmissionFailure,
} from "../../src/domain/failures/signals";
import { infoDictionary, magnetInfoHash } from "../../src/domain/torrents";

describe("failure signals from download clients", () => {
  test.each([
    ["stalledDL", "downloadStalled"],
    ["missingFiles", "hashMismatch"],
    ["error", "downloadFailed"],
  ])("qBittorrent state %s is %s", (state, kind) => {
    expect(qbittorrentStateFailure(state)?.kind).toBe(kind);
  });

  test("qBittorrent's error with no free space left is a full disk", () => {
    expect(qbittorrentStateFailure("error", { freeSpaceOnDisk: 0 })?.kind).toBe("diskFull");
    expect(qbittorrentStateFailure("error", { freeSpaceOnDisk: 10_000 })?.kind).toBe("downloadFailed");
  });

  test.each(["downloading", "uploading", "stalledUP", "pausedDL", "queuedDL", "metaDL", "checkingDL"])(
    "qBittorrent state %s is no failure",
    (state) => {
      expect(qbittorrentStateFailure(state)).toBeUndefined();
    },
  );

  test.each([
    ["Unpacking failed, write error or disk is full?", "diskFull"],
    ["Repair failed, not enough repair blocks (12 short)", "hashMismatch"],
    ["Aborted, cannot be completed - https://sabnzbd.org/not-complete", "hashMismatch"],
    ["CRC failure in file The.Matrix.1999.part07.rar", "hashMismatch"],
    ["Unpacking failed, archive requires a password", "importFailed"],
    ["Permission denied: /complete/movies", "permissionDenied"],
    ["URL Fetching failed; Server returned 404", "downloadFailed"],
  ])("SABnzbd fail_message %j is %s", (message, kind) => {
    expect(sabnzbdFailure(message)).toEqual({ kind, message });
  });

  test("SABnzbd without a message still fails the download", () => {
    expect(sabnzbdFailure("").kind).toBe("downloadFailed");
  });

  test.each([
    [3, "No space left on device", "diskFull"],
    [3, "Permission denied (/readonly/movies/x.mkv)", "permissionDenied"],
    [3, "Piece #1234 is corrupt", "hashMismatch"],
    [3, 'No data found! Ensure your drives are connected or use "Set Location".', "hashMismatch"],
    [2, "Unregistered torrent", "downloadFailed"],
  ])("Transmission error %i %j is %s", (error, message, kind) => {
    expect(transmissionFailure(error, message)?.kind).toBe(kind);
  });

  test("Transmission tracker warnings and passing tracker errors are no failure", () => {
    expect(transmissionFailure(0, "")).toBeUndefined();
    expect(transmissionFailure(1, "Tracker gave a warning")).toBeUndefined();
    expect(transmissionFailure(2, "Could not connect to tracker")).toBeUndefined();
  });

  test("qBittorrent's answers to a move: 403 no write access, 409 could not create the folder", () => {
    expect(qbittorrentMoveFailure(403, "User does not have write access to directory")?.kind).toBe("permissionDenied");
    expect(qbittorrentMoveFailure(409, "Unable to create save path directory")?.kind).toBe("permissionDenied");
    expect(qbittorrentMoveFailure(409, "No space left on device")?.kind).toBe("diskFull");
    expect(qbittorrentMoveFailure(200, "")).toBeUndefined();
  });

  test("free text the patterns do not know falls back to the given kind", () => {
    expect(classifyFailureMessage("something odd", "upstreamError")).toBe("upstreamError");
  });

  test("HTTP statuses map to the taxonomy", () => {
    expect(failureKindForStatus(401)).toBe("authenticationFailed");
    expect(failureKindForStatus(403)).toBe("authenticationFailed");
    expect(failureKindForStatus(429)).toBe("rateLimited");
    expect(failureKindForStatus(504)).toBe("connectionTimeout");
    expect(failureKindForStatus(500)).toBe("upstreamError");
    expect(failureKindForStatus(200)).toBeUndefined();
  });
});

describe("retry policies", () => {
  test("every kind has a policy and a handling", () => {
    for (const kind of FAILURE_KINDS) {
      expect(RETRY_POLICIES[kind], kind).toBeDefined();
      expect(DOWNLOAD_FAILURE_HANDLING[kind], kind).toBeDefined();
    }
  });

  test("a stall is re-announced after 600 s, then 1,200 s, then given up", () => {
    expect(retryDelaySeconds("downloadStalled", 1)).toBe(600);
    expect(retryDelaySeconds("downloadStalled", 2)).toBe(1200);
    expect(retryDelaySeconds("downloadStalled", 3)).toBeNull();
  });

  test("a hash mismatch gets one re-check after a minute", () => {
    expect(retryDelaySeconds("hashMismatch", 1)).toBe(60);
    expect(retryDelaySeconds("hashMismatch", 2)).toBeNull();
  });

  test("our side (disk full, permission denied) retries for hours, with backoff", () => {
    expect([1, 2, 3].map((n) => retryDelaySeconds("diskFull", n))).toEqual([1800, 3600, null]);
    expect([1, 2, 3].map((n) => retryDelaySeconds("permissionDenied", n))).toEqual([600, 1200, null]);
  });

  test("a rate limit waits for Retry-After when it asks longer than the policy", () => {
    expect(retryDelaySeconds("rateLimited", 1)).toBe(120);
    expect(retryDelaySeconds("rateLimited", 1, 300)).toBe(300);
    expect(retryDelaySeconds("rateLimited", 1, 30)).toBe(120);
  });

  test("delays stop at the queue's 12-hour maximum", () => {
    expect(retryDelaySeconds("rateLimited", 1, 100_000)).toBe(43_200);
  });

  test("a failed download is given up at once", () => {
    expect(retryDelaySeconds("downloadFailed", 1)).toBeNull();
  });

  test("bad releases are blocklisted, ours and upstream failures never", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(blockedUntil("downloadStalled", now)).toBe("2026-01-08T00:00:00.000Z");
    expect(blockedUntil("hashMismatch", now)).toBe("2026-01-31T00:00:00.000Z");
    for (const kind of ["diskFull", "permissionDenied", "rateLimited", "connectionTimeout"] as const) {
      expect(blockedUntil(kind, now), kind).toBeNull();
      expect(DOWNLOAD_FAILURE_HANDLING[kind].owner).not.toBe("release");
    }
  });

  test("only network trouble is transient", () => {
    expect(isTransient("rateLimited")).toBe(true);
    expect(isTransient("diskFull")).toBe(false);
    expect(isTransient("downloadStalled")).toBe(false);
  });
});

describe("torrent info hashes", () => {
  test("from a magnet link, hex or base32", () => {
    const hex = "c12fe1c06bba254a9dc9f519b335aa7c1367a88a";
    expect(magnetInfoHash(`magnet:?xt=urn:btih:${hex.toUpperCase()}&dn=x`)).toBe(hex);
    expect(magnetInfoHash("magnet:?dn=x&xt=urn:btih:YEX6DQDLXISUVHOJ6UM3GNNKPQJWPKEK")).toBe(hex);
    expect(magnetInfoHash("magnet:?dn=nohash")).toBeUndefined();
    expect(magnetInfoHash("https://example.org/x.torrent")).toBeUndefined();
  });

  test("from a .torrent file: the SHA-1 of its bencoded info dictionary", () => {
    const info = "d6:lengthi1024e4:name9:movie.mkv12:piece lengthi16384e6:pieces20:aaaaaaaaaaaaaaaaaaaae";
    const torrent = new TextEncoder().encode(`d8:announce20:http://t.example/ann7:comment2:hi4:info${info}e`);
    const bytes = infoDictionary(torrent);
    expect(new TextDecoder().decode(bytes)).toBe(info);
    expect(createHash("sha1").update(bytes).digest("hex")).toBe(createHash("sha1").update(info).digest("hex"));
  });

  test("a file that is not a torrent is refused", () => {
    expect(() => infoDictionary(new TextEncoder().encode("<html>not found</html>"))).toThrow(Failure);
    expect(() => infoDictionary(new TextEncoder().encode("d8:announce3:abce"))).toThrow(/no info dictionary/);
    expect(() => infoDictionary(new TextEncoder().encode("d4:infod4:name"))).toThrow(Failure);
  });
});

describe("credentials in download links", () => {
  test("are redacted in logs, plain or percent-encoded inside a client call", async () => {
    const { redactUrl } = await import("../../src/observability/logger");
    const nzb = "http://indexer.example/api?t=get&id=603-6&apikey=SECRET1";
    expect(redactUrl(nzb)).toBe("http://indexer.example/api?t=get&id=603-6&apikey=[redacted]");
    const call = `http://sab.example/api?mode=addurl&name=${encodeURIComponent(nzb)}&apikey=SECRET2&output=json`;
    const redacted = redactUrl(call);
    expect(redacted).not.toContain("SECRET1");
    expect(redacted).not.toContain("SECRET2");
    expect(redacted).toContain("&output=json");
  });
});
