/**
 * Release-title formats that are only whole words ("\bREPACK\b", "\b(FLUX|NTb)\b") are most of
 * a profile's formats. Rather than run each pattern over every title, one scan of the title finds
 * which of all those words it holds; each such format then reads its own words. Exact: with \b on
 * both sides and only letters and digits inside, a match is a whole run of word characters, so
 * the scan meets every run, and a run equals at most one of the (distinct, lower-case) words.
 */

const SINGLE_WORD = /^\\b([A-Za-z0-9]+)\\b$/;
const WORD_GROUP = /^\\b\((?:\?:)?([A-Za-z0-9]+(?:\|[A-Za-z0-9]+)*)\)\\b$/;

/** The words a release-title pattern is made of (lower case), or undefined for any other pattern. */
export function titlePatternWords(pattern: unknown): string[] | undefined {
  if (typeof pattern !== "string") return undefined;
  const words = SINGLE_WORD.exec(pattern)?.[1] ?? WORD_GROUP.exec(pattern)?.[1];
  return words?.toLowerCase().split("|");
}

/** Marks, in `present`, the words (by their index in `words`) the text holds as whole words. */
export type WordScan = (text: string, present: Uint8Array) => void;

export function compileWordScan(words: readonly string[]): WordScan {
  const regex = new RegExp(`\\b(?:${words.map((word) => `(${word})`).join("|")})\\b`, "gi");
  return (text, present) => {
    present.fill(0);
    regex.lastIndex = 0;
    for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
      for (let i = 1; i < match.length; i++) {
        if (match[i] !== undefined) {
          present[i - 1] = 1;
          break;
        }
      }
    }
  };
}
