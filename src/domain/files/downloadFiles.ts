import { lastPathSegment, pathExtension } from "../parser/fileExtensions";

/**
 * What the files of a finished download are: the movie's video, samples, and the extra files
 * beside it (subtitles, the release's .nfo, anything else), as Radarr's import sorts them. Pure.
 */

// Containers an import takes (Radarr's media file extensions, the common ones).
const VIDEO_EXTENSIONS: ReadonlySet<string> = new Set(
  ".mkv .mk3d .mp4 .m4v .avi .mov .wmv .ts .m2ts .mpg .mpeg .webm .iso .img .vob .divx .xvid .flv .ogm .ogv .asf .rmvb".split(
    " ",
  ),
);
// Radarr's SubtitleFileExtensions.
const SUBTITLE_EXTENSIONS: ReadonlySet<string> = new Set(".srt .ass .ssa .sub .idx .smi .vtt .sup".split(" "));
const METADATA_EXTENSIONS: ReadonlySet<string> = new Set([".nfo"]);
// What a download leaves that is no part of the movie: usenet wrappers, checksums, links.
const JUNK_EXTENSIONS: ReadonlySet<string> = new Set(
  ".par2 .nzb .sfv .md5 .url .exe .lnk .torrent .!qb .part".split(" "),
);

const SAMPLE = /(^|[\W_])sample([\W_]|$)/i;

export const isVideoFile = (path: string) => VIDEO_EXTENSIONS.has(pathExtension(path).toLowerCase());

/** A sample clip: "sample" in its name or folder, and not the download's largest video. */
export function isSample(path: string, size: number, largestVideoSize: number): boolean {
  return size < largestVideoSize && SAMPLE.test(path);
}

type ExtraFileType = "subtitle" | "metadata" | "other";

export interface ExtraFile {
  relativePath: string;
  extension: string;
  type: ExtraFileType;
  /** A subtitle's trailing name parts: "en", "forced", "sdh". */
  languageTags: string[];
  title: string | null;
}

const TAG = /^(?:[a-z]{2,3}|forced|sdh|cc|hi|default|full)$/i;

/** A subtitle's language and flag tags: the trailing parts of its name ("Movie.en.forced.srt"). */
function languageTagsOf(stem: string): string[] {
  const parts = stem.split(".");
  const tags: string[] = [];
  for (let i = parts.length - 1; i > 0 && TAG.test(parts[i]); i--) tags.unshift(parts[i].toLowerCase());
  return tags;
}

/** The extra files of a download (every file but videos and download leftovers), sorted as Radarr lists them. */
export function extraFilesOf(files: readonly { path: string }[]): ExtraFile[] {
  const extras = files.flatMap((file): ExtraFile[] => {
    const extension = pathExtension(file.path).toLowerCase();
    if (!extension || isVideoFile(file.path) || JUNK_EXTENSIONS.has(extension)) return [];
    const type = SUBTITLE_EXTENSIONS.has(extension)
      ? "subtitle"
      : METADATA_EXTENSIONS.has(extension)
        ? "metadata"
        : "other";
    const stem = lastPathSegment(file.path).slice(0, -extension.length);
    const languageTags = type === "subtitle" ? languageTagsOf(stem) : [];
    return [{ relativePath: file.path, extension, type, languageTags, title: null }];
  });
  const order: ExtraFileType[] = ["subtitle", "metadata", "other"];
  return extras.sort(
    (a, b) => order.indexOf(a.type) - order.indexOf(b.type) || a.relativePath.localeCompare(b.relativePath),
  );
}
