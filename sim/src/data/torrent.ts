/**
 * BitTorrent metainfo for the simulated indexers and clients: bencoding, .torrent files whose
 * info hash (SHA-1 of the bencoded `info` dictionary, as BEP 3 defines it) is what the feeds
 * advertise, parsing of uploaded .torrent files, and magnet links.
 */

type Bencoded = number | string | Uint8Array | Bencoded[] | { [key: string]: Bencoded };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function concat(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function encodeInto(value: Bencoded, parts: Uint8Array[]): void {
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new Error(`bencode: ${value} is not an integer`);
    parts.push(encoder.encode(`i${value}e`));
  } else if (typeof value === "string") {
    const bytes = encoder.encode(value);
    parts.push(encoder.encode(`${bytes.length}:`), bytes);
  } else if (value instanceof Uint8Array) {
    parts.push(encoder.encode(`${value.length}:`), value);
  } else if (Array.isArray(value)) {
    parts.push(encoder.encode("l"));
    for (const item of value) encodeInto(item, parts);
    parts.push(encoder.encode("e"));
  } else {
    parts.push(encoder.encode("d"));
    // Keys sorted as raw byte strings, as the spec requires (ASCII keys here).
    for (const key of Object.keys(value).sort()) {
      encodeInto(key, parts);
      encodeInto(value[key], parts);
    }
    parts.push(encoder.encode("e"));
  }
}

function bencode(value: Bencoded): Uint8Array<ArrayBuffer> {
  const parts: Uint8Array[] = [];
  encodeInto(value, parts);
  return concat(parts);
}

export class BencodeError extends Error {}

interface Decoded {
  value: Bencoded;
  end: number;
}

/** Byte strings decode to Uint8Array; dictionaries keep `infoSpan`, the raw bytes of `info`. */
function decodeAt(bytes: Uint8Array, at: number, depth: number, spans: Map<string, [number, number]>): Decoded {
  if (depth > 32) throw new BencodeError("nested too deeply");
  const c = bytes[at];
  if (c === undefined) throw new BencodeError("truncated");
  if (c === 0x69) {
    const end = bytes.indexOf(0x65, at);
    if (end < 0) throw new BencodeError("unterminated integer");
    const text = decoder.decode(bytes.subarray(at + 1, end));
    if (!/^-?\d+$/.test(text)) throw new BencodeError(`bad integer ${text}`);
    return { value: Number(text), end: end + 1 };
  }
  if (c === 0x6c) {
    const list: Bencoded[] = [];
    let cursor = at + 1;
    while (bytes[cursor] !== 0x65) {
      if (cursor >= bytes.length) throw new BencodeError("unterminated list");
      const item = decodeAt(bytes, cursor, depth + 1, spans);
      list.push(item.value);
      cursor = item.end;
    }
    return { value: list, end: cursor + 1 };
  }
  if (c === 0x64) {
    const dict: { [key: string]: Bencoded } = {};
    let cursor = at + 1;
    while (bytes[cursor] !== 0x65) {
      if (cursor >= bytes.length) throw new BencodeError("unterminated dictionary");
      const key = decodeAt(bytes, cursor, depth + 1, spans);
      if (!(key.value instanceof Uint8Array)) throw new BencodeError("dictionary key is not a string");
      const name = decoder.decode(key.value);
      const item = decodeAt(bytes, key.end, depth + 1, spans);
      if (depth === 0 && name === "info") spans.set("info", [key.end, item.end]);
      dict[name] = item.value;
      cursor = item.end;
    }
    return { value: dict, end: cursor + 1 };
  }
  if (c >= 0x30 && c <= 0x39) {
    const colon = bytes.indexOf(0x3a, at);
    if (colon < 0) throw new BencodeError("string without length");
    const length = Number(decoder.decode(bytes.subarray(at, colon)));
    const end = colon + 1 + length;
    if (!Number.isSafeInteger(length) || end > bytes.length) throw new BencodeError("string runs past the end");
    return { value: bytes.subarray(colon + 1, end), end };
  }
  throw new BencodeError(`unexpected byte 0x${c.toString(16)} at ${at}`);
}

function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) out += byte.toString(16).padStart(2, "0");
  return out;
}

async function sha1Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest("SHA-1", bytes)));
}

export interface TorrentFileEntry {
  /** Path inside the torrent, "/"-separated, including the top folder of a multi-file torrent. */
  path: string;
  size: number;
}

interface TorrentLayout {
  /** info.name: the file name (single file) or the top folder (multi-file). */
  name: string;
  /** Files relative to the folder the torrent is saved in. */
  files: TorrentFileEntry[];
  multiFile: boolean;
  pieceLength: number;
}

export interface TorrentMeta extends TorrentLayout {
  infoHash: string;
  totalSize: number;
  pieces: number;
  announce: string | null;
  comment: string | null;
  private: boolean;
}

/** Piece size as common tools pick it: about 1,000–2,000 pieces, 256 KiB to 16 MiB. */
export function pieceLengthFor(totalSize: number): number {
  let length = 256 * 1024;
  while (length < 16 * 1024 * 1024 && totalSize / length > 2_000) length *= 2;
  return length;
}

/** Stand-in piece hashes: 20 bytes per piece from a fast generator seeded by the release. */
function pieceHashes(seed: number, count: number): Uint8Array {
  const words = new Uint32Array(count * 5);
  let state = seed >>> 0 || 0x9e3779b9;
  for (let i = 0; i < words.length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    words[i] = state >>> 0;
  }
  return new Uint8Array(words.buffer);
}

export interface TorrentSource extends TorrentLayout {
  seed: number;
  announce: string;
  comment: string;
  createdAt: number;
  /** A private tracker's torrent ("private": 1, plus its source tag so hashes are tracker-specific). */
  privateSource?: string;
}

function infoDictionary(source: TorrentSource): { [key: string]: Bencoded } {
  const totalSize = source.files.reduce((sum, file) => sum + file.size, 0);
  const info: { [key: string]: Bencoded } = {
    name: source.name,
    "piece length": source.pieceLength,
    pieces: pieceHashes(source.seed, Math.max(1, Math.ceil(totalSize / source.pieceLength))),
  };
  if (source.multiFile) {
    const prefix = `${source.name}/`;
    info.files = source.files.map((file) => ({
      length: file.size,
      path: (file.path.startsWith(prefix) ? file.path.slice(prefix.length) : file.path).split("/"),
    }));
  } else {
    info.length = totalSize;
  }
  if (source.privateSource) {
    info.private = 1;
    info.source = source.privateSource;
  }
  return info;
}

/** The info hash a .torrent built from `source` has, without building the whole file. */
export function torrentInfoHash(source: TorrentSource): Promise<string> {
  return sha1Hex(bencode(infoDictionary(source)));
}

export function buildTorrent(source: TorrentSource): Uint8Array<ArrayBuffer> {
  return bencode({
    announce: source.announce,
    comment: source.comment,
    "created by": "radarr-edge-sim",
    "creation date": source.createdAt,
    info: infoDictionary(source),
  });
}

const text = (value: Bencoded | undefined) => (value instanceof Uint8Array ? decoder.decode(value) : null);

/** Reads a .torrent file: its info hash and file layout. Throws BencodeError when it is not one. */
export async function parseTorrent(bytes: Uint8Array): Promise<TorrentMeta> {
  const spans = new Map<string, [number, number]>();
  const root = decodeAt(bytes, 0, 0, spans).value;
  const span = spans.get("info");
  if (typeof root !== "object" || root instanceof Uint8Array || Array.isArray(root) || !span) {
    throw new BencodeError("no info dictionary");
  }
  const info = root.info as { [key: string]: Bencoded };
  const name = text(info.name);
  const pieceLength = info["piece length"];
  const pieces = info.pieces;
  if (!name || typeof pieceLength !== "number" || !(pieces instanceof Uint8Array)) {
    throw new BencodeError("info dictionary lacks name, piece length or pieces");
  }
  let files: TorrentFileEntry[];
  const multiFile = Array.isArray(info.files);
  if (multiFile) {
    files = (info.files as Bencoded[]).map((entry) => {
      const file = entry as { [key: string]: Bencoded };
      const parts = (file.path as Bencoded[]).map((part) => text(part) ?? "");
      return { path: [name, ...parts].join("/"), size: Number(file.length) };
    });
  } else if (typeof info.length === "number") {
    files = [{ path: name, size: info.length }];
  } else {
    throw new BencodeError("info dictionary has neither length nor files");
  }
  return {
    infoHash: await sha1Hex(bytes.slice(span[0], span[1])),
    name,
    files,
    multiFile,
    pieceLength,
    pieces: pieces.length / 20,
    totalSize: files.reduce((sum, file) => sum + file.size, 0),
    announce: text(root.announce),
    comment: text(root.comment),
    private: info.private === 1,
  };
}

export function magnetLink(infoHash: string, name: string, tracker: string): string {
  return `magnet:?xt=urn:btih:${infoHash}&dn=${encodeURIComponent(name)}&tr=${encodeURIComponent(tracker)}`;
}

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** The lower-case hex info hash and display name of a magnet link, or null when it is not one. */
export function parseMagnet(link: string): { infoHash: string; name: string | null } | null {
  if (!link.toLowerCase().startsWith("magnet:?")) return null;
  const params = new URLSearchParams(link.slice(link.indexOf("?") + 1));
  for (const xt of params.getAll("xt")) {
    const match = /^urn:btih:([0-9a-z]+)$/i.exec(xt);
    if (!match) continue;
    const hash = match[1];
    if (/^[0-9a-f]{40}$/i.test(hash)) return { infoHash: hash.toLowerCase(), name: params.get("dn") };
    if (/^[a-z2-7]{32}$/i.test(hash)) {
      let bits = "";
      for (const char of hash.toUpperCase()) bits += BASE32.indexOf(char).toString(2).padStart(5, "0");
      let hex = "";
      for (let i = 0; i < 160; i += 4) hex += Number.parseInt(bits.slice(i, i + 4), 2).toString(16);
      return { infoHash: hex, name: params.get("dn") };
    }
  }
  return null;
}

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64.replace(/\s+/g, ""));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
