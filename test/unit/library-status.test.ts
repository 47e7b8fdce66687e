import { describe, expect, test } from "vitest";
import {
  deriveMovieStatus,
  isMovieAvailable,
  type MinimumAvailability,
  type MovieStatus,
  type ReleaseDates,
} from "../../src/domain/library/movieStatus";

const NOW = Date.parse("2024-06-01T00:00:00.000Z");
const DAY = 86_400_000;
const daysFromNow = (days: number) => new Date(NOW + days * DAY).toISOString();

const NO_DATES: ReleaseDates = { inCinemas: null, digitalRelease: null, physicalRelease: null };
const dates = (d: Partial<ReleaseDates>): ReleaseDates => ({ ...NO_DATES, ...d });

describe("deriveMovieStatus without any dates", () => {
  test("is tba when TMDb says nothing either", () => {
    expect(deriveMovieStatus(undefined, NO_DATES, NOW)).toBe("tba");
  });

  test("is released when TMDb says Released", () => {
    expect(deriveMovieStatus("Released", NO_DATES, NOW)).toBe("released");
  });

  test.each(["Rumored", "Planned", "In Production", "Post Production"])("is announced when TMDb says %s", (tmdb) => {
    expect(deriveMovieStatus(tmdb, NO_DATES, NOW)).toBe("announced");
  });

  test("is tba for a canceled movie", () => {
    expect(deriveMovieStatus("Canceled", NO_DATES, NOW)).toBe("tba");
  });
});

describe("deriveMovieStatus from release dates", () => {
  test("a future cinema release is announced, whatever TMDb's status", () => {
    expect(deriveMovieStatus("Released", dates({ inCinemas: daysFromNow(30) }), NOW)).toBe("announced");
  });

  test("a future home release alone is announced", () => {
    expect(deriveMovieStatus(undefined, dates({ digitalRelease: daysFromNow(5) }), NOW)).toBe("announced");
  });

  test("a cinema release that has started is inCinemas", () => {
    expect(deriveMovieStatus("Released", dates({ inCinemas: daysFromNow(-10) }), NOW)).toBe("inCinemas");
  });

  test("a cinema release on this very moment counts as started", () => {
    expect(deriveMovieStatus(undefined, dates({ inCinemas: daysFromNow(0) }), NOW)).toBe("inCinemas");
  });

  test("without a home release date, released 90 days after the cinema release", () => {
    expect(deriveMovieStatus(undefined, dates({ inCinemas: daysFromNow(-89) }), NOW)).toBe("inCinemas");
    expect(deriveMovieStatus(undefined, dates({ inCinemas: daysFromNow(-90) }), NOW)).toBe("released");
    expect(deriveMovieStatus(undefined, dates({ inCinemas: daysFromNow(-400) }), NOW)).toBe("released");
  });

  test("a known home release date replaces the 90-day assumption", () => {
    const lateDigital = dates({ inCinemas: daysFromNow(-100), digitalRelease: daysFromNow(10) });
    expect(deriveMovieStatus(undefined, lateDigital, NOW)).toBe("inCinemas");
    const earlyDigital = dates({ inCinemas: daysFromNow(-10), digitalRelease: daysFromNow(-1) });
    expect(deriveMovieStatus(undefined, earlyDigital, NOW)).toBe("released");
  });

  test("the earlier of digital and physical release counts", () => {
    const d = dates({ inCinemas: daysFromNow(-20), digitalRelease: daysFromNow(30), physicalRelease: daysFromNow(-1) });
    expect(deriveMovieStatus(undefined, d, NOW)).toBe("released");
  });

  test("a past physical release alone is released", () => {
    expect(deriveMovieStatus(undefined, dates({ physicalRelease: daysFromNow(-1) }), NOW)).toBe("released");
  });

  test("unparseable dates count as missing", () => {
    expect(deriveMovieStatus("Planned", dates({ inCinemas: "not a date" }), NOW)).toBe("announced");
  });
});

describe("isMovieAvailable", () => {
  const movie = (
    minimumAvailability: MinimumAvailability,
    status: MovieStatus,
    releaseDates: Partial<ReleaseDates> = {},
  ) => ({ ...dates(releaseDates), status, minimumAvailability });

  test.each(["tba", "announced"] as const)("minimum availability %s is always available", (minimum) => {
    expect(isMovieAvailable(movie(minimum, "tba"), NOW)).toBe(true);
    expect(isMovieAvailable(movie(minimum, "announced", { inCinemas: daysFromNow(300) }), NOW)).toBe(true);
  });

  describe("minimum availability inCinemas", () => {
    test("is available once the cinema release has started", () => {
      expect(isMovieAvailable(movie("inCinemas", "inCinemas", { inCinemas: daysFromNow(-1) }), NOW)).toBe(true);
    });

    test("is not available before the cinema release", () => {
      expect(isMovieAvailable(movie("inCinemas", "announced", { inCinemas: daysFromNow(1) }), NOW)).toBe(false);
    });

    test("without a cinema date, a past home release makes it available", () => {
      expect(isMovieAvailable(movie("inCinemas", "released", { digitalRelease: daysFromNow(-1) }), NOW)).toBe(true);
    });

    test("without any date, the status decides", () => {
      expect(isMovieAvailable(movie("inCinemas", "inCinemas"), NOW)).toBe(true);
      expect(isMovieAvailable(movie("inCinemas", "released"), NOW)).toBe(true);
      expect(isMovieAvailable(movie("inCinemas", "announced"), NOW)).toBe(false);
    });
  });

  describe("minimum availability released", () => {
    test("is available after a home release", () => {
      const m = movie("released", "released", { inCinemas: daysFromNow(-30), digitalRelease: daysFromNow(-1) });
      expect(isMovieAvailable(m, NOW)).toBe(true);
    });

    test("is not available while only in cinemas", () => {
      expect(isMovieAvailable(movie("released", "inCinemas", { inCinemas: daysFromNow(-30) }), NOW)).toBe(false);
    });

    test("is available 90 days after the cinema release when no home release is known", () => {
      expect(isMovieAvailable(movie("released", "inCinemas", { inCinemas: daysFromNow(-89) }), NOW)).toBe(false);
      expect(isMovieAvailable(movie("released", "released", { inCinemas: daysFromNow(-90) }), NOW)).toBe(true);
    });

    test("a known future home release wins over the 90-day assumption", () => {
      const m = movie("released", "inCinemas", { inCinemas: daysFromNow(-120), physicalRelease: daysFromNow(7) });
      expect(isMovieAvailable(m, NOW)).toBe(false);
    });

    test("without any date, only a released status counts", () => {
      expect(isMovieAvailable(movie("released", "released"), NOW)).toBe(true);
      expect(isMovieAvailable(movie("released", "inCinemas"), NOW)).toBe(false);
      expect(isMovieAvailable(movie("released", "tba"), NOW)).toBe(false);
    });

    test("a deleted movie is never available by status", () => {
      expect(isMovieAvailable(movie("released", "deleted"), NOW)).toBe(false);
    });
  });
});
