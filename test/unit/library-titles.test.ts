import { describe, expect, test } from "vitest";
import { cleanTitle, movieFolderName, sortTitle } from "../../src/domain/library/titles";

describe("sortTitle", () => {
  test.each([
    ["The Matrix", "matrix"],
    ["A Quiet Place", "quiet place"],
    ["An American Tail", "american tail"],
    ["the lord of the rings", "lord of the rings"],
  ])("drops the leading article of %s", (title, expected) => {
    expect(sortTitle(title)).toBe(expected);
  });

  test("keeps words that only start like an article", () => {
    expect(sortTitle("Theodore Rex")).toBe("theodore rex");
    expect(sortTitle("Anastasia")).toBe("anastasia");
    expect(sortTitle("Avatar")).toBe("avatar");
  });

  test("keeps a title that is only an article", () => {
    expect(sortTitle("The")).toBe("the");
  });

  test("folds case and accents and drops punctuation", () => {
    expect(sortTitle("Amélie")).toBe("amelie");
    expect(sortTitle("Spider-Man: No Way Home")).toBe("spiderman no way home");
    expect(sortTitle("WALL·E")).toBe("walle");
  });

  test("collapses and trims white space", () => {
    expect(sortTitle("  The   Big  Lebowski ")).toBe("big lebowski");
  });

  test("keeps digits and non-Latin letters", () => {
    expect(sortTitle("2001: A Space Odyssey")).toBe("2001 a space odyssey");
    expect(sortTitle("Кин-дза-дза!")).toBe("киндзадза");
  });
});

describe("cleanTitle", () => {
  test("keeps only lower-case letters and digits", () => {
    expect(cleanTitle("The Matrix")).toBe("thematrix");
    expect(cleanTitle("Spider-Man: Far From Home")).toBe("spidermanfarfromhome");
    expect(cleanTitle("2001: A Space Odyssey")).toBe("2001aspaceodyssey");
  });

  test("keeps the leading article (searches match it)", () => {
    expect(cleanTitle("A Quiet Place")).toBe("aquietplace");
  });

  test("folds accents", () => {
    expect(cleanTitle("Léon: The Professional")).toBe("leontheprofessional");
  });

  test("matches however a search is punctuated", () => {
    expect(cleanTitle("spider man")).toBe(cleanTitle("Spider-Man"));
    expect(cleanTitle("SPIDERMAN")).toBe(cleanTitle("Spider-Man"));
  });
});

describe("movieFolderName", () => {
  test("is Radarr's {Movie Title} ({Release Year})", () => {
    expect(movieFolderName("The Matrix", 1999)).toBe("The Matrix (1999)");
  });

  test("replaces characters file systems reject", () => {
    expect(movieFolderName("Star Wars: Episode IV", 1977)).toBe("Star Wars Episode IV (1977)");
    expect(movieFolderName('What/Is "This"?', 2020)).toBe("What Is This (2020)");
  });

  test("leaves the year out when unknown", () => {
    expect(movieFolderName("Untitled Project", 0)).toBe("Untitled Project");
  });
});
