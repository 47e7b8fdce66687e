import { removeFileExtension } from "./fileExtensions";

/**
 * Names that carry no information: hashes and the placeholder names some indexers and
 * downloaders give obfuscated posts. Parsing one would only invent a title.
 */
const OBFUSCATED_NAMES: readonly RegExp[] = [
  // md5 and mixed-case hashes
  /^[0-9a-zA-Z]{32}/,
  // shorter lower-case hashes
  /^[a-z0-9]{24}$/,
  // NZBGeek's format; kept strict because "101" episode numbering looks alike
  /^[A-Z]{11}\d{3}$/,
  /^[a-z]{12}\d{3}$/,
  /^Backup_\d{5,}S\d{2}-\d{2}$/,
  /^123$/,
  /^abc$/i,
  /^abc[-_. ]xyz/i,
  /^b00bs$/i,
];

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** False for names no movie can be read from: usenet password posts, punctuation, hashes. */
export function isParseableName(title: string): boolean {
  const lower = title.toLowerCase();
  if (lower.includes("password") && lower.includes("yenc")) return false;
  if (!LETTER_OR_DIGIT.test(title)) return false;
  const withoutExtension = removeFileExtension(title);
  return !OBFUSCATED_NAMES.some((pattern) => pattern.test(withoutExtension));
}
