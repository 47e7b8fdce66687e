import { Qualities, type Quality } from "../quality/qualities";

/** Containers Radarr takes for standard definition TV captures when nothing else is known. */
const STANDARD_DEFINITION_EXTENSIONS =
  ".m4v .3gp .nsv .ty .strm .rm .rmvb .m3u .ifo .mov .qt .divx .xvid .bivx .nrg .pva .wmv .asf .asx .ogm .ogv .m2v " +
  ".avi .bin .dat .dvr-ms .mpg .mpeg .mp4 .avc .vp3 .svq3 .nuv .viv .dv .fli .flv .wpl .f4v .ts .wtv";

/** Radarr's `MediaFileExtensions`: the quality a bare container extension implies. */
const QUALITY_BY_MEDIA_EXTENSION: ReadonlyMap<string, Quality> = new Map<string, Quality>([
  [".webm", Qualities.Unknown],
  ...STANDARD_DEFINITION_EXTENSIONS.split(" ").map((extension): [string, Quality] => [extension, Qualities.SDTV]),
  [".img", Qualities.DVD],
  [".iso", Qualities.DVD],
  [".vob", Qualities.DVD],
  [".mkv", Qualities.WEBDL720p],
  [".mk3d", Qualities.WEBDL720p],
  [".m2ts", Qualities.Bluray720p],
]);

/** Extensions of the usenet wrappers a release name may still carry. */
const USENET_EXTENSIONS: ReadonlySet<string> = new Set([".par2", ".nzb"]);

function isAsciiLetterOrDigit(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/**
 * Where a trailing ".ext" of two to four ASCII letters or digits starts, or -1: what
 * /\.[a-z0-9]{2,4}$/i finds, read backwards from the end (every name is checked, some thrice).
 */
function trailingExtensionStart(title: string): number {
  let start = title.length;
  while (start > 0 && title.length - start < 5 && isAsciiLetterOrDigit(title.charCodeAt(start - 1))) start--;
  const length = title.length - start;
  return length >= 2 && length <= 4 && title.charCodeAt(start - 1) === 46 ? start - 1 : -1;
}

export function qualityForExtension(extension: string): Quality {
  return QUALITY_BY_MEDIA_EXTENSION.get(extension.toLowerCase()) ?? Qualities.Unknown;
}

/**
 * Drops a trailing media or usenet extension. Anything else that looks like an extension
 * (".English", ".DTS") is part of the release name and stays.
 */
export function removeFileExtension(title: string): string {
  const start = trailingExtensionStart(title);
  if (start < 0) return title;
  const extension = title.slice(start).toLowerCase();
  if (QUALITY_BY_MEDIA_EXTENSION.has(extension) || USENET_EXTENSIONS.has(extension)) {
    return title.slice(0, start);
  }
  return title;
}

/** The extension of the last path segment, as .NET's `Path.GetExtension` returns it (".mkv" or ""). */
export function pathExtension(path: string): string {
  const name = lastPathSegment(path);
  const dot = name.lastIndexOf(".");
  if (dot < 0 || dot === name.length - 1) return "";
  return name.slice(dot);
}

export function lastPathSegment(path: string): string {
  const separator = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  return separator < 0 ? path : path.slice(separator + 1);
}
