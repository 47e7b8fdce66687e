/**
 * .NET regular expressions treat letters of every script as word characters; JavaScript's `\w`
 * and `\b` only know ASCII, so "à" in "Parler à 2019" would read as a separator. These classes
 * stand in for .NET's `\w` and `\W` without the `u` flag, whose Unicode property classes make the
 * title patterns twice as slow: letters, marks and digits of the scripts release names use count
 * as word characters; ASCII, general and CJK punctuation, symbols and surrogates do not.
 */
const WORD_RANGES = String.raw`\w\u00AA\u00B5\u00BA\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u1FFF\u2C00-\u2DFF\u2E80-\u2FDF\u3040-\uD7FF\uF900-\uFDFF\uFE70-\uFEFF\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF66-\uFFDC`;

/** One .NET word character. */
export const WORD_CHAR = `[${WORD_RANGES}]`;

/** One .NET non-word character. */
export const NON_WORD_CHAR = `[^${WORD_RANGES}]`;

/** A .NET word boundary. */
export const WORD_BOUNDARY = `(?:(?<=${WORD_CHAR})(?!${WORD_CHAR})|(?<!${WORD_CHAR})(?=${WORD_CHAR}))`;
