import { normalizeAbsolutePath } from "../validation/paths";

/**
 * Radarr's remote path mappings: a download client on another host sees the library and its
 * downloads under other paths (`/downloads/` there is `/data/downloads/` here). Paths read from a
 * client are rewritten remote → local, paths sent to it local → remote, by the mapping for the
 * client's host whose folder holds the path (the deepest one when several do).
 */
export interface RemotePathMapping {
  host: string;
  /** A folder as the client sees it, stored with a trailing separator (Radarr's form). */
  remotePath: string;
  /** The same folder as the app names it, stored with a trailing separator. */
  localPath: string;
}

const isWindows = (path: string) => !path.startsWith("/");
const separatorOf = (path: string) => (isWindows(path) ? "\\" : "/");

/** A folder path normalised and ending in its separator (`/downloads/`, `D:\Downloads\`), or why not. */
export function mappingFolder(input: string): { path: string; problem?: undefined } | { problem: string } {
  const normalized = normalizeAbsolutePath(input);
  if (normalized.problem !== undefined) return { problem: normalized.problem };
  const path = normalized.path;
  const separator = separatorOf(path);
  return { path: path.endsWith(separator) ? path : `${path}${separator}` };
}

/** The segments of `path` below `folder` ([] for the folder itself), or undefined when outside it. */
function segmentsBelow(folder: string, path: string): string[] | undefined {
  const normalized = normalizeAbsolutePath(path).path;
  if (normalized === undefined || isWindows(folder) !== isWindows(normalized)) return undefined;
  const fold = (p: string) => (isWindows(p) ? p.toLowerCase() : p);
  const separator = separatorOf(folder);
  const bare = folder.endsWith(separator) && folder.length > 1 ? folder.slice(0, -1) : folder;
  if (fold(normalized) === fold(bare)) return [];
  const prefix = `${bare.endsWith(separator) ? bare : `${bare}${separator}`}`;
  if (!fold(normalized).startsWith(fold(prefix))) return undefined;
  return normalized.slice(prefix.length).split(/[\\/]/);
}

/** `folder` (with its trailing separator) joined with the segments, in the folder's own separator. */
function joinBelow(folder: string, segments: string[]): string {
  const separator = separatorOf(folder);
  if (segments.length === 0) return folder.length > 1 && folder.endsWith(separator) ? folder.slice(0, -1) : folder;
  return `${folder.endsWith(separator) ? folder : `${folder}${separator}`}${segments.join(separator)}`;
}

function remap(
  mappings: readonly RemotePathMapping[],
  host: string,
  path: string,
  from: "remotePath" | "localPath",
  to: "remotePath" | "localPath",
): string {
  if (!path) return path;
  const wanted = host.trim().toLowerCase();
  let best: { mapping: RemotePathMapping; segments: string[] } | undefined;
  for (const mapping of mappings) {
    if (mapping.host.trim().toLowerCase() !== wanted) continue;
    const segments = segmentsBelow(mapping[from], path);
    if (segments && (!best || mapping[from].length > best.mapping[from].length)) best = { mapping, segments };
  }
  return best ? joinBelow(best.mapping[to], best.segments) : path;
}

/** A path a client on `host` reported, as the app names it (unchanged when no mapping holds it). */
export function remoteToLocal(mappings: readonly RemotePathMapping[], host: string, remotePath: string): string {
  return remap(mappings, host, remotePath, "remotePath", "localPath");
}

/** A path of the app's, as the client on `host` names it (unchanged when no mapping holds it). */
export function localToRemote(mappings: readonly RemotePathMapping[], host: string, localPath: string): string {
  return remap(mappings, host, localPath, "localPath", "remotePath");
}
