import { type Release, releaseByInfoHash, releaseInfoHash } from "../data/releases";
import { BencodeError, parseMagnet, parseTorrent } from "../data/torrent";
import { fetchFromSimulator, LoopbackFetchError } from "../loopback";
import type { DownloadFile, DownloadSpec } from "./model";

/**
 * What qBittorrent and Transmission share when a torrent is added: a .torrent file is parsed
 * (its info hash is the SHA-1 of its info dictionary), a URL is fetched from the simulator (or
 * another loopback address) and parsed, a magnet is resolved through the releases the simulated
 * indexers listed — an unknown magnet waits for metadata forever, as one without peers does.
 */

export type TorrentInput = { kind: "file"; bytes: Uint8Array } | { kind: "url"; url: string };

export interface TorrentOptions {
  savePath: string;
  category: string;
  tags: string[];
  paused: boolean;
  /** qBittorrent's contentLayout: keep, add or strip the top folder. */
  layout?: "Original" | "Subfolder" | "NoSubfolder";
}

export class TorrentAddError extends Error {
  constructor(
    message: string,
    /** "invalid" for a file that is not a torrent, "fetch" for a URL that could not be fetched. */
    readonly reason: "invalid" | "fetch",
  ) {
    super(message);
  }
}

function applyLayout(name: string, files: DownloadFile[], multiFile: boolean, layout: TorrentOptions["layout"]) {
  if (layout === "NoSubfolder" && multiFile) {
    return {
      multiFile: false,
      files: files.map((file) => ({ ...file, path: file.path.split("/").slice(1).join("/") })),
    };
  }
  if (layout === "Subfolder" && !multiFile) {
    const folder = name.replace(/\.[^.]+$/, "");
    return { multiFile: true, files: files.map((file) => ({ ...file, path: `${folder}/${file.path}` })) };
  }
  return { multiFile, files };
}

function swarm(release: Release | null): { seeders: number; leechers: number } {
  return release ? { seeders: release.seeders, leechers: release.leechers } : { seeders: 12, leechers: 3 };
}

async function fromBytes(bytes: Uint8Array, options: TorrentOptions): Promise<DownloadSpec> {
  let meta: Awaited<ReturnType<typeof parseTorrent>>;
  try {
    meta = await parseTorrent(bytes);
  } catch (error) {
    if (error instanceof BencodeError) throw new TorrentAddError(`not a torrent file: ${error.message}`, "invalid");
    throw error;
  }
  const release = releaseByInfoHash(meta.infoHash);
  const laid = applyLayout(meta.name, meta.files, meta.multiFile, options.layout);
  return {
    id: meta.infoHash,
    name: meta.name,
    ...laid,
    savePath: options.savePath,
    category: options.category,
    tags: options.tags,
    paused: options.paused,
    awaitingMetadata: false,
    magnet: null,
    pieceLength: meta.pieceLength,
    ...swarm(release),
    extra: { tracker: meta.announce ?? "", comment: meta.comment ?? "", private: meta.private },
  };
}

function fromMagnet(link: string, options: TorrentOptions): DownloadSpec {
  const magnet = parseMagnet(link);
  if (!magnet) throw new TorrentAddError("not a valid magnet link", "invalid");
  const release = releaseByInfoHash(magnet.infoHash);
  const tracker = new URLSearchParams(link.slice(link.indexOf("?") + 1)).get("tr") ?? "";
  if (!release) {
    return {
      id: magnet.infoHash,
      name: magnet.name ?? magnet.infoHash,
      files: [],
      multiFile: false,
      savePath: options.savePath,
      category: options.category,
      tags: options.tags,
      paused: options.paused,
      awaitingMetadata: true,
      magnet: link,
      pieceLength: 0,
      seeders: 0,
      leechers: 0,
      extra: { tracker, comment: "", private: false },
    };
  }
  const laid = applyLayout(release.rootName, release.files, release.multiFile, options.layout);
  return {
    id: magnet.infoHash,
    name: release.rootName,
    ...laid,
    files: laid.files.map((file) => ({ ...file })),
    savePath: options.savePath,
    category: options.category,
    tags: options.tags,
    paused: options.paused,
    awaitingMetadata: false,
    magnet: link,
    pieceLength: release.pieceLength,
    ...swarm(release),
    extra: { tracker, comment: "", private: release.site === "hdbits" },
  };
}

/** The download a client adds for this input. Throws TorrentAddError when it cannot. */
export async function torrentSpec(
  input: TorrentInput,
  requestUrl: string,
  options: TorrentOptions,
): Promise<DownloadSpec> {
  if (input.kind === "file") return fromBytes(input.bytes, options);
  const url = input.url.trim();
  if (url.toLowerCase().startsWith("magnet:")) return fromMagnet(url, options);
  let response: Response;
  try {
    response = await fetchFromSimulator(url, requestUrl);
  } catch (error) {
    if (error instanceof LoopbackFetchError) throw new TorrentAddError(error.message, "fetch");
    throw new TorrentAddError(`could not fetch ${url}: ${(error as Error).message}`, "fetch");
  }
  // Indexers sometimes answer a download link with a redirect to a magnet.
  const location = response.headers.get("location");
  if (response.status >= 300 && response.status < 400 && location?.startsWith("magnet:")) {
    return fromMagnet(location, options);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new TorrentAddError(`http error ${response.status}`, "fetch");
  }
  return fromBytes(new Uint8Array(await response.arrayBuffer()), options);
}

/** A torrent for a catalogue release, as a client would have it after adding its .torrent. */
export async function releaseTorrentSpec(release: Release, options: TorrentOptions): Promise<DownloadSpec> {
  const infoHash = await releaseInfoHash(release);
  return {
    id: infoHash,
    name: release.rootName,
    files: release.files.map((file) => ({ ...file })),
    multiFile: release.multiFile,
    savePath: options.savePath,
    category: options.category,
    tags: options.tags,
    paused: options.paused,
    awaitingMetadata: false,
    magnet: null,
    pieceLength: release.pieceLength,
    ...swarm(release),
    extra: { tracker: "", comment: "", private: release.site === "hdbits" },
  };
}
