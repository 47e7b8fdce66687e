import { describe, expect, test } from "vitest";
import { Failure } from "../../src/domain/failures/failure";
import { CsvRecordReader, parseCsv } from "../../src/integrations/watchmode/csv";
import { idMapRow } from "../../src/integrations/watchmode/idMap";

/** Feeds `text` in pieces cut at every given offset and collects the records. */
function readInPieces(text: string, cuts: number[]): string[][] {
  const reader = new CsvRecordReader();
  const out: string[][] = [];
  let from = 0;
  for (const cut of [...cuts, text.length]) {
    out.push(...reader.push(text.slice(from, cut)));
    from = cut;
  }
  return [...out, ...reader.end()];
}

const SAMPLE =
  "\uFEFFWatchmode ID,IMDB ID,TMDB ID,TMDB Type,Title,Year\r\n" +
  '"1406622","tt3659388","286217","movie","The Martian","2015"\r\n' +
  '"3262859","tt38494991","286217","tv","Death at the White Hart",""\r\n' +
  '"140257","tt0088763","105","movie","Back to the Future, Part ""One""","1985"\r\n' +
  '"1","","","","Line\nbreak",1999\r\n';

const EXPECTED = [
  ["Watchmode ID", "IMDB ID", "TMDB ID", "TMDB Type", "Title", "Year"],
  ["1406622", "tt3659388", "286217", "movie", "The Martian", "2015"],
  ["3262859", "tt38494991", "286217", "tv", "Death at the White Hart", ""],
  ["140257", "tt0088763", "105", "movie", 'Back to the Future, Part "One"', "1985"],
  ["1", "", "", "", "Line\nbreak", "1999"],
];

describe("CsvRecordReader", () => {
  test("reads quoted fields, doubled quotes, commas and line breaks in quotes, CRLF and a BOM", () => {
    expect(parseCsv(SAMPLE)).toEqual(EXPECTED);
  });

  test("gives the same records however the text is cut into pieces", () => {
    for (let cut = 0; cut <= SAMPLE.length; cut++) {
      expect(readInPieces(SAMPLE, [cut]), `cut at ${cut}`).toEqual(EXPECTED);
    }
    const everyCharacter = Array.from({ length: SAMPLE.length }, (_, i) => i);
    expect(readInPieces(SAMPLE, everyCharacter)).toEqual(EXPECTED);
  });

  test("accepts a last record without a line break, and skips blank lines", () => {
    expect(parseCsv('a,b\n\n"c",d')).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    expect(parseCsv("a,b\r\rc,d\n")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    expect(parseCsv(",\n")).toEqual([["", ""]]);
  });

  test("fails on a file cut inside a quoted field", () => {
    const cutInQuotes = SAMPLE.slice(0, SAMPLE.indexOf("The Martian") + 4);
    expect(() => parseCsv(cutInQuotes)).toThrow(Failure);
    expect(() => parseCsv(cutInQuotes)).toThrow(/truncated/);
  });

  test("fails on text after a closing quote", () => {
    expect(() => parseCsv('"a"b,c\n')).toThrow(Failure);
  });

  test("counts records for error messages", () => {
    const reader = new CsvRecordReader();
    reader.push("a\n\nb\nc");
    expect(reader.recordCount).toBe(2);
    reader.end();
    expect(reader.recordCount).toBe(3);
  });
});

describe("idMapRow", () => {
  test("turns a record into typed ids, with nulls for what is missing", () => {
    expect(idMapRow(EXPECTED[1], 1)).toEqual([1406622, 286217, "movie", "tt3659388", "The Martian", 2015]);
    expect(idMapRow(EXPECTED[2], 2)).toEqual([3262859, 286217, "tv", "tt38494991", "Death at the White Hart", null]);
    expect(idMapRow(["7", "", "12", "person", "X", "n/a"], 3)).toEqual([7, null, null, null, "X", null]);
  });

  test("rejects short rows and bad Watchmode ids as a parse error", () => {
    expect(() => idMapRow(["1406622", "tt3659388", "286"], 9)).toThrow(
      expect.objectContaining({ kind: "parseError", message: expect.stringMatching(/record 9/) }),
    );
    expect(() => idMapRow(["x", "", "", "", "", ""], 2)).toThrow(expect.objectContaining({ kind: "parseError" }));
  });
});
