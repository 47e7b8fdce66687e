import { describe, expect, test } from "vitest";
import { withMultiLanguages } from "../../src/domain/decisions/multiLanguages";
import { Languages } from "../../src/domain/parser";

const ids = (languages: readonly { id: number }[]) => languages.map((l) => l.id);

describe("an indexer's Multi Languages", () => {
  test("a MULTI release announcing nothing holds the indexer's languages", () => {
    const languages = withMultiLanguages([Languages.Unknown], "Movie.2020.MULTi.1080p.BluRay.x264-GRP", [
      Languages.French.id,
      Languages.English.id,
    ]);
    expect(ids(languages)).toEqual([Languages.French.id, Languages.English.id]);
  });

  test("they are added to what the name announces, once each", () => {
    const languages = withMultiLanguages([Languages.German], "Movie.2020.German.MULTI.1080p.WEB-DL-GRP", [
      Languages.German.id,
      Languages.English.id,
    ]);
    expect(ids(languages)).toEqual([Languages.German.id, Languages.English.id]);
  });

  test("a release not marked MULTI, or an indexer without the setting, keeps the parsed languages", () => {
    const parsed = [Languages.Unknown];
    expect(withMultiLanguages(parsed, "Movie.2020.1080p.BluRay.x264-MULTIPLEX", [Languages.French.id])).toBe(parsed);
    expect(withMultiLanguages(parsed, "Movie.2020.MULTi.1080p.BluRay.x264-GRP", [])).toBe(parsed);
    expect(withMultiLanguages(parsed, "Movie.2020.MULTi.1080p.BluRay.x264-GRP", undefined)).toBe(parsed);
  });
});
