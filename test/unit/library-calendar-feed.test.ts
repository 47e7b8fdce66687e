import { describe, expect, test } from "vitest";
import { calendarFeed, foldLine } from "../../src/domain/library/calendarFeed";

const movie = {
  id: 7,
  title: "Amélie, the Fabulous; Destiny",
  overview: `${"A shy waitress decides to change the lives of those around her. ".repeat(3)}\nThe end.`,
  studio: "UGC",
  status: "released",
  inCinemas: "2001-04-25T00:00:00.000Z",
  digitalRelease: null,
  physicalRelease: "2001-12-31T00:00:00.000Z",
};

describe("calendarFeed (RFC 5545)", () => {
  test("one all-day event per known release, with Radarr's UIDs, escaped text and CRLF lines", () => {
    const feed = calendarFeed([movie], [], "2026-01-07T09:30:00.123Z");
    expect(feed.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//radarr.video//Radarr//EN\r\n")).toBe(true);
    expect(feed.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(feed).toContain("UID:Radarr_movie_7_cinemas\r\nDTSTAMP:20260107T093000Z\r\nDTSTART;VALUE=DATE:20010425\r\n");
    expect(feed).toContain("DTSTART;VALUE=DATE:20011231\r\nDTEND;VALUE=DATE:20020101\r\n");
    expect(feed).not.toContain("_digital");
    expect(feed).toContain("SUMMARY:Amélie\\, the Fabulous\\; Destiny (Theatrical Release)");
    expect(feed).toContain("STATUS:CONFIRMED");
    const unfolded = feed.replace(/\r\n /g, "");
    expect(unfolded).toContain("\\nThe end.");
    for (const line of feed.split("\r\n")) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  });

  test("release types choose the events; an announced movie is tentative", () => {
    const feed = calendarFeed([{ ...movie, status: "announced" }], ["physicalRelease"], "2026-01-07T00:00:00Z");
    expect(feed).not.toContain("_cinemas");
    expect(feed).toContain("UID:Radarr_movie_7_physical");
    expect(feed).toContain("STATUS:TENTATIVE");
  });

  test("folding never splits a multi-byte character and keeps every line within 75 octets", () => {
    const line = `DESCRIPTION:${"é".repeat(100)}`;
    const folded = foldLine(line);
    const parts = folded.split("\r\n");
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, "")).toBe(line);
    expect(foldLine("short")).toBe("short");
  });
});
