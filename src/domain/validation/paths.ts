import { z } from "zod";

/**
 * The one check for folder paths: root folders, movie folders, import lists' root folder and the
 * download clients' save paths. They name folders on the download client's host, which may be
 * POSIX (`/movies`) or Windows (`D:\Movies`, `\\nas\share`), so both are absolute paths here.
 * A path is stored normalised (one separator between segments, no trailing one except at the
 * root, no `.` segments) so that equal folders compare equal; `..` and control characters
 * (NUL above all) are refused rather than resolved, since the path is handed on verbatim.
 */

const MAX_PATH_LENGTH = 1024;
const DRIVE = /^([A-Za-z]:)[\\/]/;
const UNC = /^[\\/]{2}(?=[^\\/])/;
const CONTROL = /\p{Cc}/u;

type Normalized = { path: string; problem?: undefined } | { path?: undefined; problem: string };

/** The path normalised, or why it is refused. */
export function normalizeAbsolutePath(input: string): Normalized {
  if (CONTROL.test(input)) return { problem: "must not contain NUL or other control characters" };
  const value = input.trim();
  if (value === "") return { problem: "is required" };
  if (value.length > MAX_PATH_LENGTH) return { problem: `must be at most ${MAX_PATH_LENGTH} characters` };
  const drive = DRIVE.exec(value)?.[1];
  const unc = !drive && value.startsWith("\\\\") && UNC.test(value);
  if (!drive && !unc && !value.startsWith("/")) return { problem: "must be absolute, e.g. /movies or D:\\Movies" };
  const rest = drive ? value.slice(drive.length) : value;
  // Windows takes either separator; a POSIX name may hold a backslash, but `..` behind one is
  // still refused, since the folder may be handed to a Windows client.
  const pieces = rest.split(/[\\/]/);
  if (pieces.includes("..")) return { problem: "must not contain '..' segments" };
  const segments = (drive || unc ? pieces : rest.split("/")).filter((s) => s !== "" && s !== ".");
  if (drive) return { path: `${drive}\\${segments.join("\\")}` };
  if (unc) {
    if (segments.length < 2) return { problem: "must name a share, e.g. \\\\server\\share" };
    return { path: `\\\\${segments.join("\\")}` };
  }
  return { path: `/${segments.join("/")}` };
}

const isWindows = (path: string) => !path.startsWith("/");

/** True when `child` is a folder strictly inside `parent` (both normalised). Windows paths ignore case. */
export function isPathInside(parent: string, child: string): boolean {
  if (isWindows(parent) !== isWindows(child)) return false;
  const fold = (p: string) => (isWindows(p) ? p.toLowerCase() : p);
  const [p, c] = [fold(parent), fold(child)];
  const separator = isWindows(parent) ? "\\" : "/";
  const prefix = p.endsWith(separator) ? p : `${p}${separator}`;
  return c.length > prefix.length && c.startsWith(prefix);
}

/** The deepest of `roots` that `path` lies inside, if any. */
export function containingRoot(roots: readonly string[], path: string): string | undefined {
  return roots.filter((root) => isPathInside(root, path)).sort((a, b) => b.length - a.length)[0];
}

/** An absolute folder path setting, stored normalised; `optional` lets it be empty (a client's default). */
export function absolutePathSetting({ optional = false } = {}) {
  return z.string({ error: "must be an absolute path" }).transform((input, ctx) => {
    if (optional && input.trim() === "") return "";
    const normalized = normalizeAbsolutePath(input);
    if (normalized.problem === undefined) return normalized.path;
    ctx.addIssue({ code: "custom", message: normalized.problem });
    return z.NEVER;
  });
}
