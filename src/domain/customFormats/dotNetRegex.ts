/**
 * Radarr stores custom format patterns as .NET regular expressions, matched case-insensitively.
 * Most are valid JavaScript as written; this converts the .NET-only syntax users actually write
 * (inline `(?i)` options, atomic groups, `\A`/`\Z` anchors, `(?'name')` groups, Unicode blocks)
 * and reports what JavaScript cannot express instead of silently matching something else.
 */

export type RegexCompilation = { ok: true; regex: RegExp } | { ok: false; error: string };

/** Characters JavaScript's Unicode mode accepts after a backslash as themselves. */
const SYNTAX_CHARACTERS = new Set("^$\\.*+?()[]{}|/");

/** The conversion's state: the .NET pattern read left to right into a JavaScript source and flags. */
interface Conversion {
  pattern: string;
  out: string;
  flags: Set<string>;
  inClass: boolean;
  i: number;
}

/** A step reads at `i` and returns an error, or undefined once it has advanced `i` and written `out`. */
type Step = (c: Conversion) => string | undefined;

export function compileDotNetRegex(pattern: string): RegexCompilation {
  if (typeof pattern !== "string" || pattern.length === 0) return { ok: false, error: "the pattern is empty" };
  const c: Conversion = { pattern, out: "", flags: new Set(["i"]), inClass: false, i: 0 };
  while (c.i < pattern.length) {
    const ch = pattern[c.i];
    const step: Step =
      ch === "\\"
        ? convertEscape
        : c.inClass
          ? convertInClass
          : ch === "["
            ? openClass
            : ch === "(" && pattern[c.i + 1] === "?"
              ? convertGroupPrefix
              : copyOne;
    const error = step(c);
    if (error) return { ok: false, error };
  }
  try {
    return { ok: true, regex: new RegExp(c.out, [...c.flags].join("")) };
  } catch (error) {
    return {
      ok: false,
      error: error instanceof Error ? error.message.replace(/^Invalid regular expression: /, "") : String(error),
    };
  }
}

function copyOne(c: Conversion): undefined {
  c.out += c.pattern[c.i];
  c.i += 1;
}

function convertEscape(c: Conversion): string | undefined {
  const { pattern, i } = c;
  const next = pattern[i + 1];
  if (next === undefined) return "the pattern ends with a lone backslash";
  if (!c.inClass && next === "A") {
    c.out += "^";
  } else if (!c.inClass && (next === "Z" || next === "z")) {
    c.out += "$";
  } else if ((next === "p" || next === "P") && pattern[i + 2] === "{") {
    const close = pattern.indexOf("}", i + 3);
    if (close < 0) return "an unterminated \\p{...} property";
    const name = pattern.slice(i + 3, close);
    c.out += `\\${next}{${name.startsWith("Is") ? `Script=${name.slice(2)}` : name}}`;
    c.flags.add("u");
    c.i = close + 1;
    return;
  } else if (next === "k" && pattern[i + 2] === "'") {
    const close = pattern.indexOf("'", i + 3);
    if (close < 0) return "an unterminated \\k'name' reference";
    c.out += `\\k<${pattern.slice(i + 3, close)}>`;
    c.i = close + 1;
    return;
  } else if (/[A-Za-z0-9]/.test(next) || SYNTAX_CHARACTERS.has(next) || (c.inClass && next === "-")) {
    c.out += `\\${next}`;
  } else {
    // .NET lets any punctuation be escaped; JavaScript's Unicode mode does not.
    c.out += next;
  }
  c.i += 2;
}

function convertInClass(c: Conversion): string | undefined {
  const ch = c.pattern[c.i];
  if (ch === "-" && c.pattern[c.i + 1] === "[") return "character class subtraction ([a-z-[aeiou]]) is not supported";
  if (ch === "]") c.inClass = false;
  c.out += ch;
  c.i += 1;
}

function openClass(c: Conversion): undefined {
  c.inClass = true;
  c.out += "[";
  // A leading "]" (or "^]") is a literal in .NET; JavaScript needs it escaped.
  if (c.pattern[c.i + 1] === "^") {
    c.out += "^";
    c.i += 1;
  }
  if (c.pattern[c.i + 1] === "]") {
    c.out += "\\]";
    c.i += 1;
  }
  c.i += 1;
}

/** `(?` openings: comments, atomic groups, `(?'name')` groups and inline options. */
function convertGroupPrefix(c: Conversion): string | undefined {
  const rest = c.pattern.slice(c.i + 2);
  if (rest.startsWith("#")) {
    const close = c.pattern.indexOf(")", c.i);
    if (close < 0) return "an unterminated (?#comment)";
    c.i = close + 1;
    return;
  }
  if (rest.startsWith(">")) {
    c.out += "(?:";
    c.i += 3;
    return;
  }
  if (rest.startsWith("(")) return "conditional groups (?(...)) are not supported";
  const named = /^'([A-Za-z_][A-Za-z0-9_]*)'/.exec(rest);
  if (named) {
    c.out += `(?<${named[1]}>`;
    c.i += 2 + named[0].length;
    return;
  }
  const options = /^([imnsx]*)(?:-([imnsx]*))?([:)])/.exec(rest);
  if (options && (options[1] || options[2])) return convertOptions(c, options);
  return copyOne(c);
}

function convertOptions(c: Conversion, options: RegExpExecArray): string | undefined {
  const on = options[1] ?? "";
  const off = options[2] ?? "";
  if (on.includes("x") || off.includes("x")) return "the x (ignore pattern whitespace) option is not supported";
  const scoped = options[3] === ":";
  if (scoped && (off.includes("i") || /[ms]/.test(on + off))) {
    return `scoped options (?${options[1]}${off ? `-${off}` : ""}:...) are not supported`;
  }
  if (!scoped) {
    if (on.includes("m")) c.flags.add("m");
    if (on.includes("s")) c.flags.add("s");
    if (off.includes("i")) c.flags.delete("i");
  }
  c.out += scoped ? "(?:" : "";
  c.i += 2 + options[0].length;
}
