/** SQL statements (`;`-terminated, one per line group) that fill the library with `count` generated movies. */
export function librarySeedSql(count: number, options?: { firstTmdbId?: number; rootFolder?: string }): string;
/** Writes librarySeedSql's statements to `file`. */
export function writeLibrarySeed(
  file: string,
  count: number,
  options?: { firstTmdbId?: number; rootFolder?: string },
): void;
