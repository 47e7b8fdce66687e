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

function isAsciiLetterOrDigit(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/**
 * Whether any pattern above could match, from the run of ASCII letters and digits the name
 * starts with: each needs a run of 14 or more, a run that is the whole name, or starts "abc" or
 * "Backup_". Most names start with a short word ("The.") and skip the nine patterns.
 */
function mayBeObfuscated(name: string): boolean {
  let run = 0;
  while (run < name.length && isAsciiLetterOrDigit(name.charCodeAt(run))) run++;
  if (run >= 14 || run === name.length) return true;
  if (run === 3) return name.slice(0, 3).toLowerCase() === "abc";
  return run === 6 && name.startsWith("Backup");
}

/** False for names no movie can be read from: usenet password posts, punctuation, hashes. */
export function isParseableName(title: string): boolean {
  const lower = title.toLowerCase();
  if (lower.includes("password") && lower.includes("yenc")) return false;
  if (!LETTER_OR_DIGIT.test(title)) return false;
  const withoutExtension = removeFileExtension(title);
  if (!mayBeObfuscated(withoutExtension)) return true;
  return !OBFUSCATED_NAMES.some((pattern) => pattern.test(withoutExtension));
}
