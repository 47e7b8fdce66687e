import { Qualities } from "../quality/qualities";
import { parseMovieTitle } from "./movieTitleParser";

/**
 * Whether a name is an untouched scene release name (dots, no spaces, a release group and a
 * known quality). Errs towards false: treating a renamed file as a scene name is worse than
 * missing one.
 */
export function isSceneTitle(title: string): boolean {
  return sceneTitle(title) !== null;
}

/** The scene release name, without any media or usenet extension; null when it is not one. */
export function sceneTitle(title: string): string | null {
  if (!title.includes(".") || title.includes(" ")) return null;
  const parsed = parseMovieTitle(title);
  if (
    parsed === null ||
    parsed.releaseGroup === "" ||
    parsed.quality.quality === Qualities.Unknown ||
    parsed.primaryMovieTitle.trim() === ""
  ) {
    return null;
  }
  return parsed.releaseTitle;
}
