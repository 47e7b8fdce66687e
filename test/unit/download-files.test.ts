import { describe, expect, test } from "vitest";
import { extraFilesOf, isSample, isVideoFile } from "../../src/domain/files/downloadFiles";

describe("a download's files", () => {
  test("videos, samples and the extra files beside them, as Radarr sorts them", () => {
    const files = [
      { path: "Movie.2020.1080p/Movie.2020.1080p.mkv" },
      { path: "Movie.2020.1080p/Sample/movie-sample.mkv" },
      { path: "Movie.2020.1080p/Movie.2020.1080p.nfo" },
      { path: "Movie.2020.1080p/Subs/Movie.2020.1080p.en.forced.srt" },
      { path: "Movie.2020.1080p/Subs/Movie.2020.1080p.de.ass" },
      { path: "Movie.2020.1080p/poster.jpg" },
      { path: "Movie.2020.1080p/Movie.2020.1080p.par2" },
      { path: "Movie.2020.1080p/README" },
    ];
    expect(files.filter((f) => isVideoFile(f.path)).map((f) => f.path)).toHaveLength(2);
    expect(isSample("Movie/Sample/movie-sample.mkv", 10, 1000)).toBe(true);
    // The largest video is the movie, whatever its name says.
    expect(isSample("Movie/sample.mkv", 1000, 1000)).toBe(false);
    expect(extraFilesOf(files)).toEqual([
      {
        relativePath: "Movie.2020.1080p/Subs/Movie.2020.1080p.de.ass",
        extension: ".ass",
        type: "subtitle",
        languageTags: ["de"],
        title: null,
      },
      {
        relativePath: "Movie.2020.1080p/Subs/Movie.2020.1080p.en.forced.srt",
        extension: ".srt",
        type: "subtitle",
        languageTags: ["en", "forced"],
        title: null,
      },
      {
        relativePath: "Movie.2020.1080p/Movie.2020.1080p.nfo",
        extension: ".nfo",
        type: "metadata",
        languageTags: [],
        title: null,
      },
      { relativePath: "Movie.2020.1080p/poster.jpg", extension: ".jpg", type: "other", languageTags: [], title: null },
    ]);
  });
});
