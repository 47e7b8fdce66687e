import { describe, expect, test } from "vitest";
import {
  cleanMovieTitle,
  findIsoLanguage,
  isSceneTitle,
  normalizeImdbId,
  parseLanguages,
  parseMediaInfo,
  parseMoviePath,
  parseMovieTitle,
  parseQuality,
  parseReleaseGroup,
  parseSubtitleInfo,
  parseSubtitleLanguage,
  sceneTitle,
} from "../../src/domain/parser";
import { Qualities } from "../../src/domain/quality/qualities";

function parsed(name: string, isDirectory = false) {
  const result = parseMovieTitle(name, isDirectory);
  if (result === null) throw new Error(`expected "${name}" to parse`);
  return result;
}

function languageNames(name: string): string[] {
  return parsed(name).languages.map((l) => l.name);
}

describe("titles and years", () => {
  test("reads a dotted scene name", () => {
    const movie = parsed("The.Lost.City.2022.1080p.BluRay.x264-GROUP");
    expect(movie.primaryMovieTitle).toBe("The Lost City");
    expect(movie.year).toBe(2022);
    expect(movie.originalTitle).toBe("The.Lost.City.2022.1080p.BluRay.x264-GROUP");
  });

  test("keeps acronyms and Dr. together", () => {
    expect(parsed("L.A.Story.1991.720p.BluRay.x264-GRP").primaryMovieTitle).toBe("L.A. Story");
    expect(parsed("Dr.Strangelove.1964.1080p.BluRay.x264-GRP").primaryMovieTitle).toBe("Dr. Strangelove");
    expect(parsed("Sequel.2.2013.720p.BluRay.x264-GRP").primaryMovieTitle).toBe("Sequel 2");
  });

  test("a year followed by another year belongs to the title", () => {
    const movie = parsed("Space.Odyssey.2001.1968.1080p.BluRay.x264-GRP");
    expect(movie.primaryMovieTitle).toBe("Space Odyssey 2001");
    expect(movie.year).toBe(1968);
  });

  test("German tracker names may omit the year", () => {
    const movie = parsed("Der.Schatz.German.DL.720p.BluRay.x264-GRP");
    expect(movie.primaryMovieTitle).toBe("Der Schatz");
    expect(movie.year).toBe(0);
  });

  test("'The German' is a title, not a language tag", () => {
    expect(parsed("The.Good.German.2006.720p.BluRay.x264-GRP").primaryMovieTitle).toBe("The Good German");
  });

  test("splits alternative titles on AKA, a.k.a. and slashes", () => {
    expect(parsed("Le.Film.AKA.The.Film.1999.DVDRip.x264-GRP").movieTitles).toEqual([
      "Le Film AKA The Film",
      "Le Film",
      "The Film",
    ]);
    expect(parsed("Le Film a.k.a. The Film 1999 DVDRip").movieTitles).toEqual([
      "Le Film AKA The Film",
      "Le Film",
      "The Film",
    ]);
    expect(parsed("Фильм / The Film (2020) WEB-DL 1080p").movieTitles).toEqual([
      "Фильм / The Film",
      "Фильм",
      "The Film",
    ]);
  });

  test("folders may put the year first", () => {
    expect(parsed("(1995) Some Movie", true).primaryMovieTitle).toBe("Some Movie");
    expect(parseMovieTitle("(1995) Some Movie")?.primaryMovieTitle).not.toBe("Some Movie");
  });

  test("strips website prefixes and trailing quality tags before reading the title", () => {
    expect(parsed("[www.example.org] - Some.Movie.2020.720p.HDTV.x264-GRP").primaryMovieTitle).toBe("Some Movie");
    expect(parsed("Some Movie 2020 [Bluray-1080p]").primaryMovieTitle).toBe("Some Movie");
  });

  test("reads fansub releases with and without a year", () => {
    const withYear = parsed("[Group] Some Anime Movie (2016) [BD 1080p FLAC].mkv");
    expect(withYear.primaryMovieTitle).toBe("Some Anime Movie");
    expect(withYear.year).toBe(2016);
    expect(withYear.releaseGroup).toBe("Group");

    const withoutYear = parsed("[Group] Some Anime Movie v2 [1A2B3C4D].mkv");
    expect(withoutYear.primaryMovieTitle).toBe("Some Anime Movie");
    expect(withoutYear.releaseHash).toBe("1A2B3C4D");
    expect(withoutYear.releaseGroup).toBe("Group");
  });

  test("undoes reversed names", () => {
    const movie = parsed("PRG-462x.yaRulB.p027.6002.tsoH.ehT");
    expect(movie.primaryMovieTitle).toBe("The Host");
    expect(movie.quality.quality).toBe(Qualities.Bluray720p);
  });
});

describe("decorations read without a pattern run", () => {
  test.each([
    ["Some.Movie.2019.720p.HDTV-GRP.mp4", "Some.Movie.2019.720p.HDTV-GRP"],
    ["Some.Movie.2019.720p.HDTV-GRP.M2TS", "Some.Movie.2019.720p.HDTV-GRP"],
    ["Some.Movie.2019.720p.HDTV.x264-GRP.nzb", "Some.Movie.2019.720p.HDTV.x264-GRP"],
    // Five letters, or a word that is no container, are part of the name.
    ["Some.Movie.2019.720p.HDTV-GRP.abcde", "Some.Movie.2019.720p.HDTV-GRP.abcde"],
    ["Some.Movie.2019.1080p.WEB-DL.DTS", "Some.Movie.2019.1080p.WEB-DL.DTS"],
  ])("%s is released as %s", (name, releaseTitle) => {
    expect(parsed(name).releaseTitle).toBe(releaseTitle);
  });

  test("a site prefix ending in two separators is not the title", () => {
    const movie = parsed("site.net - Some.Movie.2020.720p.HDTV.x264-GRP");
    expect([movie.primaryMovieTitle, movie.releaseGroup]).toEqual(["Some Movie", "GRP"]);
  });

  test("a spaced A.K.A. separates alternative titles", () => {
    expect(parsed("Some Movie A.K.A. Other Movie 2019 720p BluRay").movieTitles).toEqual([
      "Some Movie AKA Other Movie",
      "Some Movie",
      "Other Movie",
    ]);
  });
});

describe("unparseable names", () => {
  test.each([
    "0123456789abcdef0123456789abcdef",
    "a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9.mkv",
    'password - "0000-1111" yEnc',
    "!!!",
    "abc.xyz.0123456789abcd",
    "Some Movie Without A Year 720p",
    // Hash and placeholder prefixes before an otherwise readable name.
    "0123456789abcdef0123456789abcdef.Movie.2019.1080p",
    "abc.xyz.Movie.2019.1080p.BluRay",
    "ABC_xyz Movie 2019 720p",
  ])("%s", (name) => {
    expect(parseMovieTitle(name)).toBeNull();
  });

  test("a title merely starting like a placeholder is read", () => {
    expect(parsed("Abc.Movie.2019.1080p").primaryMovieTitle).toBe("Abc Movie");
    expect(parsed("Backup.Movie.2019.1080p").primaryMovieTitle).toBe("Backup Movie");
  });
});

describe("editions", () => {
  test.each([
    ["Some.Movie.2012.Directors.Cut.1080p.BluRay.x264-GRP", "Directors Cut"],
    ["Some Movie 2012 Director's Cut", "Director's Cut"],
    ["Some.Movie.Extended.Edition.2012.1080p.BluRay.x264-GRP", "Extended Edition"],
    ["Some Movie (Theatrical.Version.IMAX) 2012", "Theatrical Version IMAX"],
    ["Some Movie 2012 25th Anniversary Edition", "25th Anniversary Edition"],
    ["Some Movie 2012 Open Matte 1080p", "Open Matte"],
    ["Some Movie 2012 Special Edition Remastered", "Special Edition Remastered"],
    ["Some Movie 2012 2in1", "2in1"],
  ])("%s has edition %s", (name, edition) => {
    expect(parsed(name).edition).toBe(edition);
  });

  test("an edition before the year ends the title, whatever edition words follow the year", () => {
    const movie = parsed("Some.Movie.Extended.Cut.2012.IMAX.1080p");
    expect([movie.primaryMovieTitle, movie.edition, movie.year]).toEqual(["Some Movie", "Extended Cut", 2012]);
  });

  test("a lone 'Special' or 'Final' is a title word, not an edition", () => {
    expect(parsed("The.Final.Chapter.2016.720p.BluRay.x264-GRP").edition).toBe("");
    expect(parsed("Holiday.Special.1978.DVDRip.x264-GRP").edition).toBe("");
  });

  test("edition words inside the title are not editions", () => {
    expect(parsed("Uncut.Gems.2019.720p.BluRay.x264-GRP").edition).toBe("");
  });
});

describe("release groups", () => {
  test("takes the group after the last dash", () => {
    expect(parseReleaseGroup("Some.Movie.2019.1080p.BluRay.x264-SPARKS")).toBe("SPARKS");
    expect(parseReleaseGroup("Some.Movie.2019.1080p.BluRay.x264-SPARKS.mkv")).toBe("SPARKS");
    expect(parseReleaseGroup("Some.Movie.2019.1080p.BluRay.DTS.x264.-ABC-DEF.mkv")).toBe("ABC-DEF");
  });

  test("technical dashes are not groups", () => {
    expect(parseReleaseGroup("Some.Movie.2019.1080p.AMZN.WEB-DL.DDP5.1.H.264")).toBe("");
    expect(parseReleaseGroup("Some.Movie.2019.1080p.BluRay.REMUX.AVC.DTS-HD.MA.5.1")).toBe("");
    expect(parseReleaseGroup("Some Movie (2015) [BDRemux 1080p AVC EN-ES-CAT DTS-HD MA 5.1]")).toBe("");
    expect(parseReleaseGroup("Some Movie - S01E01 - Title [WEBDL-720p]")).toBe("");
  });

  test("drops repost and obfuscation suffixes", () => {
    expect(parseReleaseGroup("Some.Movie.2019.1080p.BDRip.X264-EVO-xpost")).toBe("EVO");
    expect(parseReleaseGroup("Some.Movie.2019.1080p.BDRip.X264-EVO-Rakuv02-Obfuscated")).toBe("EVO");
    expect(parseReleaseGroup("Some.Movie.2019.1080p.BDRip.X264-EVO-sample.mkv")).toBe("EVO");
  });

  test("knows groups that do not sign with a dash", () => {
    expect(parseReleaseGroup("Some Movie (2019) (1080p BluRay x265 HEVC 10bit AAC 7.1 Tigole)")).toBe("Tigole");
    expect(parseReleaseGroup("Some Movie (2019) [BluRay] [1080p] [YTS.MX]")).toBe("YTS.MX");
    expect(parseReleaseGroup("Some.Movie.2019.1080p.BluRay.Remux.AVC.DTS-HD.MA.5.1.KRaLiMaRKo")).toBe("KRaLiMaRKo");
    // Only when signing inside the closing bracket: elsewhere the name is a title word.
    expect(parseReleaseGroup("Ode To Joy (2009) (2160p BluRay x265 10bit HDR)")).toBe("");
  });

  test("a leading [SubGroup] wins", () => {
    expect(parseReleaseGroup("[Anime-Koi] Some Show - S01E06 - Episode")).toBe("Anime-Koi");
  });

  test("site tags around the name are not groups", () => {
    expect(parseReleaseGroup("Some.Movie.2023.DVDRip.XviD-RUNNER[www.example.net]")).toBe("RUNNER");
    expect(parseReleaseGroup("Some Movie 2023 DVDRip XviD RUNNER[www.example.net]")).toBe("");
  });

  test("the movie title is masked before the group is read", () => {
    expect(parsed("Spider-Man.2002.1080p.BluRay.x264").releaseGroup).toBe("");
  });
});

describe("quality", () => {
  test.each([
    ["Some.Movie.2019.1080p.BluRay.x264-GRP", "Bluray-1080p"],
    ["Some.Movie.2019.2160p.UHD.BluRay.REMUX.HDR.HEVC.Atmos-GRP", "Remux-2160p"],
    ["Some.Movie.2019.1080p.AMZN.WEB-DL.DDP5.1.H.264-GRP", "WEBDL-1080p"],
    ["Some.Movie.2019.720p.WEBRip.x264-GRP", "WEBRip-720p"],
    ["Some.Movie.2019.1080p.WEB.H264-GRP", "WEBDL-1080p"],
    ["Some.Movie.2019.HDTV.x264-GRP", "SDTV"],
    ["Some.Movie.2019.1080i.HDTV.MPEG2-GRP", "Raw-HD"],
    ["Some.Movie.2019.DVDRip.XviD-GRP", "DVD"],
    ["Some.Movie.2019.PAL.DVD9-GRP", "DVD-R"],
    ["Some.Movie.2019.COMPLETE.BLURAY-GRP", "BR-DISK"],
    ["Some Movie 2019 1080p Blu-ray AVC DTS-HD MA 5.1-GRP", "BR-DISK"],
    ["Some.Movie.2019.HDCAM.x264-GRP", "CAM"],
    ["Some.Movie.2019.HDTS.x264-GRP", "TELESYNC"],
    ["Some.Movie.2019.DVDSCR.x264-GRP", "DVDSCR"],
    ["Some.Movie.2019.German.ML.1080p.BluRay.AVC-GRP", "Remux-1080p"],
    ["Some.Movie.2019.720p.BluRay.REMUX.AVC-GRP", "Bluray-720p"],
  ])("%s is %s", (name, quality) => {
    expect(parseQuality(name).quality.name).toBe(quality);
  });

  test("falls back on the container, and says so", () => {
    const quality = parseQuality("Some Movie.mkv");
    expect(quality.quality).toBe(Qualities.WEBDL720p);
    expect(quality.qualityDetectionSource).toBe("Extension");
    expect(quality.resolutionDetectionSource).toBe("Extension");
  });

  test("a stated resolution with only a container combines both", () => {
    const quality = parseQuality("Some Movie 2019 720p.avi");
    expect(quality.quality).toBe(Qualities.HDTV720p);
    expect(quality.qualityDetectionSource).toBe("Extension");
    expect(quality.resolutionDetectionSource).toBe("Name");
  });
});

describe("revisions", () => {
  test("PROPER, REPACK and RERIP are a second version; only REPACK/RERIP are repacks", () => {
    expect(parseQuality("Some.Movie.2019.PROPER.1080p.BluRay.x264-GRP").revision).toEqual({
      version: 2,
      real: 0,
      isRepack: false,
    });
    expect(parseQuality("Some.Movie.2019.REPACK.1080p.BluRay.x264-GRP").revision).toMatchObject({
      version: 2,
      isRepack: true,
    });
    expect(parseQuality("Some.Movie.2019.RERIP.1080p.BluRay.x264-GRP").revision.isRepack).toBe(true);
  });

  test("explicit versions count, and a repack of one adds one", () => {
    expect(parseQuality("[Group] Some Movie - 01v3 [720p]").revision.version).toBe(3);
    expect(parseQuality("Some Movie 2018 v2 (BD 1080p)").revision.version).toBe(2);
    expect(parseQuality("Some.Movie.2019.REPACK2.1080p.BluRay.x264-GRP").revision.version).toBe(3);
  });

  test("REAL counts only in capitals", () => {
    expect(parseQuality("Some.Movie.2019.REAL.PROPER.1080p.BluRay.x264-GRP").revision).toMatchObject({
      version: 2,
      real: 1,
    });
    expect(parseQuality("The Real Movie 2019 1080p BluRay").revision.real).toBe(0);
  });
});

describe("languages", () => {
  test("unknown when nothing is announced", () => {
    expect(languageNames("Some.Movie.2019.1080p.BluRay.x264-GRP")).toEqual(["Unknown"]);
  });

  test("reads names, abbreviations and dubbing tags", () => {
    expect(languageNames("Some.Movie.2019.FRENCH.1080p.BluRay.x264-GRP")).toEqual(["French"]);
    expect(languageNames("Some.Movie.2019.ENG-ITA-FRE.1080p.WEBDL.x264")).toEqual(
      expect.arrayContaining(["English", "Italian", "French"]),
    );
    expect(languageNames("Some.Movie.2019.PLDUB.1080p.XviD-GRP")).toContain("Polish");
    expect(languageNames("Some Movie 2019 [BDRip 1080p català-english]")).toContain("Catalan");
  });

  test("two-letter codes count only in capitals and not when labelling subtitles", () => {
    expect(languageNames("Some.Movie.2019.1080p.WEB-DL.DE.EN.x264-GRP")).toEqual(
      expect.arrayContaining(["German", "English"]),
    );
    expect(languageNames("Some.Movie.2019.PL-SUB.1080p.XviD-GRP")).toEqual(["Unknown"]);
    expect(languageNames("Some.Movie.2019.1080p.BluRay.DTS-ES.x264-GRP")).toEqual(["Unknown"]);
  });

  test("German DL adds the original language, ML adds original and English", () => {
    expect(languageNames("Some.Movie.2019.German.DL.1080p.BluRay.x264-GRP")).toEqual(["German", "Original"]);
    expect(languageNames("Some.Movie.2019.German.ML.1080p.BluRay.x264-GRP")).toEqual(["German", "Original", "English"]);
    expect(languageNames("Some.Movie.2019.German.WEB-DL.1080p.x264-GRP")).toEqual(["German"]);
  });

  test("words of the title are not languages", () => {
    expect(languageNames("The.Italian.Job.2003.720p.BluRay.x264-GRP")).toEqual(["Unknown"]);
  });

  test("carry Radarr's ids", () => {
    expect(parseLanguages("Some Movie Spanish")).toEqual([{ id: 3, name: "Spanish" }]);
    expect(parseLanguages("Some Movie Dublado")).toEqual([{ id: 30, name: "Portuguese (Brazil)" }]);
  });

  test("finds ISO codes with and without regions", () => {
    expect(findIsoLanguage("en-US")?.language.name).toBe("English");
    expect(findIsoLanguage("pt-BR")?.language.name).toBe("Portuguese (Brazil)");
    expect(findIsoLanguage("ger")?.language.name).toBe("German");
    expect(findIsoLanguage("fr-CA")).toBeUndefined();
  });
});

describe("subtitles", () => {
  test("language from the code or name before the extension", () => {
    expect(parseSubtitleLanguage("Some Movie (2019).fr.srt").name).toBe("French");
    expect(parseSubtitleLanguage("Some Movie (2019).eng.forced.srt").name).toBe("English");
    expect(parseSubtitleLanguage("Some Movie (2019).German.srt").name).toBe("German");
    expect(parseSubtitleLanguage("Some Movie (2019).srt").name).toBe("Unknown");
  });

  test("track title and flags next to a single language code", () => {
    expect(parseSubtitleInfo("Some Movie (2019).eng.forced.Commentary.ass")).toMatchObject({
      title: "Commentary",
      languageTags: ["forced"],
      language: { name: "English" },
    });
    expect(parseSubtitleInfo("Some Movie (2019).Signs - 2.en.ass")).toMatchObject({ title: "Signs", copy: 2 });
    expect(parseSubtitleInfo("Some Movie (2019).Commentary.ass")).toMatchObject({
      title: null,
      language: { name: "Unknown" },
    });
  });
});

describe("ids, hashes and hardcoded subtitles", () => {
  test("reads IMDb and TMDb ids", () => {
    expect(parsed("Some Movie 2019 [tt1234567] 1080p BluRay").imdbId).toBe("tt1234567");
    expect(parsed("Some Movie (2019) {tmdb-12345}").tmdbId).toBe(12345);
    expect(parsed("Some Movie (2019) {tmdbid-12345}").tmdbId).toBe(12345);
  });

  test("normalizes IMDb ids", () => {
    expect(normalizeImdbId("42")).toBe("");
    expect(normalizeImdbId("123")).toBe("tt0000123");
    expect(normalizeImdbId("tt12345678")).toBe("tt12345678");
    expect(normalizeImdbId("nope")).toBe("");
  });

  test("names burnt-in subtitles", () => {
    expect(parsed("Some.Movie.2019.1080p.NLSUBBED.WEBRip.x264-GRP").hardcodedSubs).toBe("");
    expect(parsed("Some.Movie.2019.1080p.KORSUB.WEBRip.x264-GRP").hardcodedSubs).toBe("KORSUB");
    expect(parsed("Some Movie 2019 HC 720p HDRip x264-GRP").hardcodedSubs).toBe("Generic Hardcoded Subs");
    expect(parsed("Some Movie 2019 [Web][1080p][Softsubs]").hardcodedSubs).toBe("");
  });

  test("reads a torrent info hash from a path", () => {
    const movie = parseMoviePath(
      "/downloads/0e895c37245186812cb08aab1529cf8ee389dd05/Some.Movie.2019.720p.WEB-DL-GRP.mkv",
    );
    expect(movie?.infoHash).toBe("0e895c37245186812cb08aab1529cf8ee389dd05");
  });

  test("finds an info hash anywhere, in either case, and only 40 hex digits standing alone", () => {
    const hash = "0E895C37245186812CB08AAB1529CF8EE389DD05";
    expect(parsed(`Some.Movie.2019.720p.WEB-DL-GRP.${hash}`).infoHash).toBe(hash.toLowerCase());
    expect(parsed(`Some.Movie.2019.${hash}.720p.WEB-DL-GRP`).infoHash).toBe(hash.toLowerCase());
    expect(parsed(`Some.Movie.2019.720p.WEB-DL-GRP.a${hash}`).infoHash).toBeUndefined();
    expect(parsed(`Some.Movie.2019.720p.WEB-DL-GRP.${hash.slice(1)}`).infoHash).toBeUndefined();
  });

  test("names an edition only where one is written, after the title", () => {
    expect(parsed("Some.Movie.2019.Directors.Cut.1080p.BluRay.x264-GRP").edition).toBe("Directors Cut");
    expect(parsed("Some.Movie.2019.1080p.BluRay.x264-GRP").edition).toBe("");
    expect(parsed("Some.Movie.2019.1080p.BluRay.REMASTERED.x264-GRP").edition).toBe("REMASTERED");
  });

  test("reads a German scene remux, which never says REMUX", () => {
    expect(parseQuality("Some.Movie.2019.German.DL.1080p.BluRay.AVC-GRP").quality).toBe(Qualities.Remux1080p);
    expect(parseQuality("Some.Movie.2019.German.DL.1080p.WEB.AVC-GRP").quality).not.toBe(Qualities.Remux1080p);
  });
});

describe("paths", () => {
  test("falls back on the folder when the file name is obfuscated", () => {
    const movie = parseMoviePath("/movies/Some.Movie.2019.1080p.BluRay.x264-GRP/abcdefghijkl123.mkv");
    expect(movie?.primaryMovieTitle).toBe("Some Movie");
    expect(movie?.quality.quality).toBe(Qualities.Bluray1080p);
    expect(movie?.releaseGroup).toBe("GRP");
  });

  test("accepts Windows separators", () => {
    expect(parseMoviePath("C:\\Movies\\Some.Movie.2019.720p.HDTV.x264-GRP\\b00bs.mkv")?.primaryMovieTitle).toBe(
      "Some Movie",
    );
  });

  test("marks samples", () => {
    expect(
      parseMoviePath("/movies/Some.Movie.2019.1080p.BluRay.x264-GRP/Sample/some.movie.2019-sample.mkv")?.isSample,
    ).toBe(true);
    expect(parsed("Some.Movie.2019.1080p.BluRay.x264-GRP").isSample).toBeUndefined();
  });
});

describe("stream details", () => {
  test("video and audio codecs with channels", () => {
    expect(parseMediaInfo("Some.Movie.2019.2160p.UHD.BluRay.TrueHD.Atmos.7.1.HEVC-GRP")).toMatchObject({
      videoCodec: "h265",
      audioCodec: "TrueHD Atmos",
      audioChannels: 7.1,
    });
    expect(parseMediaInfo("Some.Movie.2019.1080p.AMZN.WEB-DL.DDP5.1.H.264-GRP")).toMatchObject({
      videoCodec: "h264",
      audioCodec: "EAC3",
      audioChannels: 5.1,
    });
    expect(parseMediaInfo("Some.Movie.2019.720p.BluRay.x264.AAC2.0-GRP")).toMatchObject({
      videoCodec: "x264",
      audioCodec: "AAC",
      audioChannels: 2,
    });
  });

  test("dynamic range", () => {
    expect(parseMediaInfo("Some.Movie.2019.2160p.WEB-DL.DV.HDR10Plus.HEVC-GRP").hdrFormat).toBe("DV HDR10Plus");
    expect(parseMediaInfo("Some.Movie.2019.2160p.WEB-DL.DV.HEVC-GRP").hdrFormat).toBe("DV");
    expect(parseMediaInfo("Some.Movie.2019.2160p.BluRay.HDR.x265-GRP").hdrFormat).toBe("HDR10");
    expect(parseMediaInfo("Some.Movie.2019.1080p.BluRay.x264-GRP").hdrFormat).toBeUndefined();
  });

  test("3D", () => {
    expect(parseMediaInfo("Some.Movie.2019.1080p.3D.HSBS.BluRay.x264-GRP").is3D).toBe(true);
    expect(parseMediaInfo("Some.Movie.2019.1080p.BluRay.x264-GRP").is3D).toBeUndefined();
  });

  test("are part of the parse result", () => {
    expect(parsed("Some.Movie.2019.2160p.WEB-DL.DV.HDR.DDP5.1.Atmos.H.265-GRP")).toMatchObject({
      videoCodec: "h265",
      audioCodec: "EAC3 Atmos",
      audioChannels: 5.1,
      hdrFormat: "DV HDR10",
    });
  });
});

describe("scene names and clean titles", () => {
  test("a scene name has dots, no spaces, a group and a known quality", () => {
    expect(isSceneTitle("Some.Movie.2019.720p.BluRay.x264-GRP")).toBe(true);
    expect(isSceneTitle("Some Movie 2019 720p BluRay x264-GRP")).toBe(false);
    expect(isSceneTitle("Some.Movie.2019.720p.BluRay.x264")).toBe(false);
    expect(sceneTitle("Some.Movie.2019.720p.BluRay.x264-GRP.nzb")).toBe("Some.Movie.2019.720p.BluRay.x264-GRP");
  });

  test("clean titles drop punctuation, inner articles and accents", () => {
    expect(cleanMovieTitle("The Lord of the Rings")).toBe("thelordrings");
    expect(cleanMovieTitle("Amélie")).toBe("amelie");
    expect(cleanMovieTitle("Das Böse")).toBe("dasboese");
    expect(cleanMovieTitle("1917")).toBe("1917");
    expect(cleanMovieTitle("Fast & Furious")).toBe("fastfurious");
  });
});
