import { describe, expect, test } from "vitest";
import simulator from "../../sim/src/index";
import { Failure } from "../../src/domain/failures/failure";
import { imdbCsvSource, parseImdbCsv } from "../../src/domain/lists/sources/imdb";
import { parseCsv } from "../../src/domain/lists/sources/imdb/csv";

// IMDb CSV exports: the CSV reader (quoting, BOM, line ends, truncation) and the export's columns.

const HEADER =
  "Position,Const,Created,Modified,Description,Title,Original Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,Num Votes,Release Date,Directors";

function row(fields: {
  position: number;
  id: string;
  title: string;
  type?: string;
  year?: string;
  description?: string;
  genres?: string;
}): string {
  const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return [
    fields.position,
    fields.id,
    "2024-01-05",
    "2024-01-06",
    quote(fields.description ?? ""),
    quote(fields.title),
    quote(fields.title),
    `https://www.imdb.com/title/${fields.id}/`,
    fields.type ?? "Movie",
    "8.1",
    "120",
    fields.year ?? "1999",
    quote(fields.genres ?? "Drama"),
    "12345",
    `${fields.year ?? "1999"}-03-31`,
    quote("Lana Wachowski, Lilly Wachowski"),
  ].join(",");
}

function csvError(read: () => unknown): Failure {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(Failure);
    expect((error as Failure).kind).toBe("parseError");
    return error as Failure;
  }
  throw new Error("expected a Failure");
}

describe("CSV reader", () => {
  test("splits rows and fields", () => {
    expect(parseCsv("a,b,c\n1,2,3\n")).toEqual([
      { fields: ["a", "b", "c"], line: 1 },
      { fields: ["1", "2", "3"], line: 2 },
    ]);
  });

  test("quoted fields keep commas, doubled quotes and line breaks", () => {
    const rows = parseCsv(
      'id,title\n1,"Crouching Tiger, Hidden Dragon"\n2,"The ""Best"" Movie"\n3,"two\nlines"\n4,x\n',
    );
    expect(rows.map((r) => r.fields[1])).toEqual([
      "title",
      "Crouching Tiger, Hidden Dragon",
      'The "Best" Movie',
      "two\nlines",
      "x",
    ]);
    // The row after a field with a line break starts one line later.
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 4, 6]);
  });

  test("a byte order mark, CRLF and lone CR line ends are all read", () => {
    const expected = [
      ["Const", "Title"],
      ["tt0111161", "The Shawshank Redemption"],
      ["tt0068646", "The Godfather"],
    ];
    for (const text of [
      "\uFEFFConst,Title\r\ntt0111161,The Shawshank Redemption\r\ntt0068646,The Godfather\r\n",
      "Const,Title\rtt0111161,The Shawshank Redemption\rtt0068646,The Godfather",
      'Const,Title\r\ntt0111161,"The Shawshank Redemption"\r\ntt0068646,The Godfather',
    ]) {
      expect(parseCsv(text).map((r) => r.fields)).toEqual(expected);
    }
  });

  test("empty fields, a trailing comma and blank lines", () => {
    expect(parseCsv("a,,c\n\n\n,\n1,2,").map((r) => r.fields)).toEqual([
      ["a", "", "c"],
      ["", ""],
      ["1", "2", ""],
    ]);
  });

  test("a quote left open at the end is a truncated file, named with its line", () => {
    const error = csvError(() => parseCsv('a,b\n1,"fine"\n2,"cut off here'));
    expect(error.message).toMatch(/ends inside a quoted field that starts on line 3/);
    expect(error.message).toMatch(/truncated/);
  });

  test("text after a closing quote is malformed", () => {
    expect(csvError(() => parseCsv('a,b\n1,"x"y\n')).message).toMatch(/Line 2 has text after a closing quote/);
  });
});

describe("IMDb export", () => {
  test("rows become items by column name: id, title, year and the other facts as metadata", () => {
    const text = `${HEADER}\n${row({ position: 1, id: "tt0133093", title: "The Matrix", description: 'Rewatch "soon", please' })}\n`;
    const result = parseImdbCsv(text);
    expect(result).toEqual({
      items: [
        {
          imdbId: "tt0133093",
          title: "The Matrix",
          year: 1999,
          metadata: {
            position: 1,
            titleType: "Movie",
            imdbRating: 8.1,
            runtime: 120,
            releaseDate: "1999-03-31",
            genres: ["Drama"],
            directors: ["Lana Wachowski", "Lilly Wachowski"],
            added: "2024-01-05",
          },
        },
      ],
      skipped: 0,
    });
  });

  test("columns are found by name in any order, older exports included", () => {
    const text =
      'Title,Year,Title Type,Const\n"Monsters, Inc.",2001,movie,tt0198781\nHeat,1995,feature film,tt0113277\n';
    expect(parseImdbCsv(text).items.map(({ imdbId, title, year }) => ({ imdbId, title, year }))).toEqual([
      { imdbId: "tt0198781", title: "Monsters, Inc.", year: 2001 },
      { imdbId: "tt0113277", title: "Heat", year: 1995 },
    ]);
  });

  test("only movies, TV movies and videos are kept", () => {
    const types = [
      "Movie",
      "TV Series",
      "TV Movie",
      "Short",
      "Video",
      "TV Mini Series",
      "TV Episode",
      "tvMovie",
      "Video Game",
    ];
    const text = [
      HEADER,
      ...types.map((type, i) => row({ position: i + 1, id: `tt01000${10 + i}`, title: `T${i}`, type })),
    ].join("\n");
    const result = parseImdbCsv(text);
    expect(result.items.map((item) => item.metadata?.titleType)).toEqual(["Movie", "TV Movie", "Video", "tvMovie"]);
    expect(result.skipped).toBe(5);
  });

  test("a BOM and CRLF line ends, as a spreadsheet saves the file", () => {
    const text = `\uFEFF${HEADER}\r\n${row({ position: 1, id: "tt0133093", title: "The Matrix" })}\r\n`;
    expect(parseImdbCsv(text).items).toHaveLength(1);
  });

  test("a title with a comma, a quote and a line break in its description", () => {
    const text = `${HEADER}\n${row({ position: 1, id: "tt0190332", title: "Crouching Tiger, Hidden Dragon", description: 'Best "wuxia",\never' })}\n${row({ position: 2, id: "tt0133093", title: "The Matrix" })}`;
    const { items } = parseImdbCsv(text);
    expect(items.map((item) => item.title)).toEqual(["Crouching Tiger, Hidden Dragon", "The Matrix"]);
  });

  test("rows without a valid IMDb id or a title are skipped", () => {
    const text = "Const,Title\ntt0133093,The Matrix\nnm0000206,Keanu Reeves\ntt0111161,\n";
    expect(parseImdbCsv(text)).toMatchObject({ items: [{ imdbId: "tt0133093" }], skipped: 2 });
  });

  test("a year missing from Year is taken from Release Date, else 0", () => {
    const text = "Const,Title,Year,Release Date\ntt0133093,The Matrix,,1999-03-31\ntt9000001,Untitled,,\n";
    expect(parseImdbCsv(text).items.map((item) => item.year)).toEqual([1999, 0]);
  });

  test("a header without Const or Title is not an IMDb export", () => {
    expect(csvError(() => parseImdbCsv("name,rating\nHeat,5\n")).message).toMatch(
      /not an IMDb list export: it has no "Const" or "Title" column/,
    );
  });

  test("an empty file is an error, a header alone an empty list", () => {
    expect(csvError(() => parseImdbCsv("")).message).toMatch(/empty/);
    expect(csvError(() => parseImdbCsv("\uFEFF\r\n")).message).toMatch(/empty/);
    expect(parseImdbCsv(`${HEADER}\n`)).toEqual({ items: [], skipped: 0 });
  });

  test("a file cut off inside a quoted field is reported, not imported in part", () => {
    const full = `${HEADER}\n${row({ position: 1, id: "tt0133093", title: "The Matrix" })}\n${row({ position: 2, id: "tt0190332", title: "Crouching Tiger, Hidden Dragon" })}\n`;
    const cut = full.slice(0, full.lastIndexOf("Crouching") + 8);
    expect(csvError(() => parseImdbCsv(cut)).message).toMatch(/quoted field that starts on line 3.*truncated/);
  });

  test("a file cut off between fields of its last row is reported as truncated", () => {
    const full = `${HEADER}\n${row({ position: 1, id: "tt0133093", title: "The Matrix" })}\n${row({ position: 2, id: "tt0113277", title: "Heat" })}`;
    const cut = full.slice(0, full.lastIndexOf(",Heat,") + 5);
    expect(csvError(() => parseImdbCsv(cut)).message).toMatch(
      /ends in the middle of the row on line 3 \(7 of 16 columns\).*truncated/,
    );
  });

  test("a row with the wrong number of columns in the middle of the file is named by line", () => {
    const text = `Const,Title\ntt0133093,The Matrix,extra\ntt0113277,Heat\n`;
    expect(csvError(() => parseImdbCsv(text)).message).toMatch(/line 2 has 3 columns but the header has 2/);
  });
});

describe("the simulator's exports", () => {
  test("the 10,000-title list exports 10,000 movies", async () => {
    const response = await simulator.request("/imdb/list/ls000010000/export");
    expect(response.headers.get("content-type")).toMatch(/text\/csv/);
    const result = parseImdbCsv(await response.text());
    expect(result.items).toHaveLength(10_000);
    expect(new Set(result.items.map((item) => item.imdbId)).size).toBe(10_000);
  });

  test("a list with shows exports its movies and skips the shows", async () => {
    const result = parseImdbCsv(await (await simulator.request("/imdb/list/ls000000102/export")).text());
    expect(result.items.length + result.skipped).toBe(600);
    expect(result.skipped).toBeGreaterThanOrEqual(9);
  });

  test("the deliberately truncated export is a clear error", async () => {
    const text = await (await simulator.request("/imdb/list/ls000000105/export")).text();
    expect(csvError(() => parseImdbCsv(text)).message).toMatch(/ends inside a quoted field.*truncated/);
  });
});

describe("source", () => {
  test("IMDbCsvImport fetches the CSV from its URL in one request", () => {
    expect(imdbCsvSource).toMatchObject({ implementation: "IMDbCsvImport", configContract: "IMDbCsvSettings" });
    const settings = imdbCsvSource.settings.parse({ csvUrl: " https://example.com/list.csv " });
    const request = imdbCsvSource.firstRequest(settings, {} as Parameters<typeof imdbCsvSource.firstRequest>[1]);
    expect(request).toMatchObject({ service: "imdb", url: "https://example.com/list.csv" });
  });

  test("the CSV URL must be an http(s) address", () => {
    for (const csvUrl of ["", "not a url", "ftp://example.com/list.csv"]) {
      const result = imdbCsvSource.settings.safeParse({ csvUrl });
      expect(result.success, csvUrl).toBe(false);
      expect(result.error?.issues[0].path).toEqual(["csvUrl"]);
    }
  });
});
