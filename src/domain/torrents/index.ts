import { Failure } from "../failures/failure";

/**
 * What the app needs to know about a torrent before a client has it: its info hash, which is
 * the id qBittorrent and Transmission track it by. From a magnet link's `xt=urn:btih:` (hex or
 * base32), or from a .torrent file's bencoded `info` dictionary (its SHA-1). Pure.
 */

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function base32ToHex(text: string): string | undefined {
  let bits = "";
  for (const char of text.toUpperCase()) {
    const value = BASE32.indexOf(char);
    if (value < 0) return undefined;
    bits += value.toString(2).padStart(5, "0");
  }
  let hex = "";
  for (let i = 0; i + 4 <= bits.length; i += 4) hex += Number.parseInt(bits.slice(i, i + 4), 2).toString(16);
  return hex.slice(0, 40);
}

export function isMagnet(url: string): boolean {
  return url.toLowerCase().startsWith("magnet:");
}

/** The lower-case hex info hash of a magnet link, or undefined when it has none. */
export function magnetInfoHash(url: string): string | undefined {
  if (!isMagnet(url)) return undefined;
  const query = url.slice(url.indexOf("?") + 1);
  for (const part of query.split("&")) {
    const [key, value = ""] = part.split("=");
    if (key.toLowerCase() !== "xt") continue;
    const match = /^urn:btih:([0-9a-z]+)$/i.exec(decodeURIComponent(value));
    if (!match) continue;
    const hash = match[1];
    if (/^[0-9a-f]{40}$/i.test(hash)) return hash.toLowerCase();
    if (/^[a-z2-7]{32}$/i.test(hash)) return base32ToHex(hash);
  }
  return undefined;
}

/** A file that is not a readable torrent: the indexer sent something else (an error page, a cut file). */
const torrentFileError = (message: string) => new Failure("parseError", message);

const CHAR = { d: 0x64, l: 0x6c, i: 0x69, e: 0x65, colon: 0x3a, zero: 0x30, nine: 0x39 } as const;

/** Index just past the bencoded value starting at `at`. */
function skipValue(bytes: Uint8Array, at: number, depth = 0): number {
  if (depth > 64) throw torrentFileError("torrent file nests too deeply");
  const c = bytes[at];
  if (c === undefined) throw torrentFileError("torrent file is truncated");
  if (c === CHAR.i) {
    const end = bytes.indexOf(CHAR.e, at);
    if (end < 0) throw torrentFileError("torrent file has an unterminated integer");
    return end + 1;
  }
  if (c === CHAR.l || c === CHAR.d) {
    let i = at + 1;
    while (bytes[i] !== CHAR.e) {
      if (i >= bytes.length) throw torrentFileError("torrent file is truncated");
      i = skipValue(bytes, i, depth + 1);
    }
    return i + 1;
  }
  if (c >= CHAR.zero && c <= CHAR.nine) {
    const colon = bytes.indexOf(CHAR.colon, at);
    if (colon < 0) throw torrentFileError("torrent file has a malformed string");
    const length = Number(new TextDecoder().decode(bytes.subarray(at, colon)));
    if (!Number.isInteger(length) || colon + 1 + length > bytes.length)
      throw torrentFileError("torrent file has a malformed string");
    return colon + 1 + length;
  }
  throw torrentFileError("not a torrent file (bencoding expected)");
}

function readString(bytes: Uint8Array, at: number): { value: string; end: number } {
  const end = skipValue(bytes, at);
  const colon = bytes.indexOf(CHAR.colon, at);
  return { value: new TextDecoder().decode(bytes.subarray(colon + 1, end)), end };
}

/** The raw bytes of a .torrent file's `info` dictionary, whose SHA-1 is the info hash. */
export function infoDictionary<T extends ArrayBufferLike>(torrent: Uint8Array<T>): Uint8Array<T> {
  if (torrent[0] !== CHAR.d) throw torrentFileError("not a torrent file (a dictionary expected)");
  let i = 1;
  while (i < torrent.length && torrent[i] !== CHAR.e) {
    const key = readString(torrent, i);
    const valueEnd = skipValue(torrent, key.end);
    if (key.value === "info") {
      if (torrent[key.end] !== CHAR.d) throw torrentFileError("torrent file's info is not a dictionary");
      return torrent.subarray(key.end, valueEnd);
    }
    i = valueEnd;
  }
  throw torrentFileError("torrent file has no info dictionary");
}
