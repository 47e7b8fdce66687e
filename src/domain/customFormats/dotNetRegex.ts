/**
 * Radarr stores custom format patterns as .NET regular expressions, matched case-insensitively.
 * Most are valid JavaScript as written; this converts the .NET-only syntax users actually write
 * (inline `(?i)` options, atomic groups, `\A`/`\Z` anchors, `(?'name')` groups, Unicode blocks)
 * and reports what JavaScript cannot express instead of silently matching something else.
 */

export type RegexCompilation = { ok: true; regex: RegExp } | { ok: false; error: string };

/** Characters JavaScript's Unicode mode accepts after a backslash as themselves. */
const SYNTAX_CHARACTERS = new Set("^$\\.*+?()[]{}|/");

export function compileDotNetRegex(pattern: string): RegexCompilation {
  if (typeof pattern !== "string" || pattern.length === 0) return { ok: false, error: "the pattern is empty" };
  const flags = new Set(["i"]);
  let out = "";
  let inClass = false;
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i];
    if (ch === "\\") {
      const next = pattern[i + 1];
      if (next === undefined) return { ok: false, error: "the pattern ends with a lone backslash" };
      if (!inClass && next === "A") {
        out += "^";
      } else if (!inClass && (next === "Z" || next === "z")) {
        out += "$";
      } else if ((next === "p" || next === "P") && pattern[i + 2] === "{") {
        const close = pattern.indexOf("}", i + 3);
        if (close < 0) return { ok: false, error: "an unterminated \\p{...} property" };
        const name = pattern.slice(i + 3, close);
        out += `\\${next}{${name.startsWith("Is") ? `Script=${name.slice(2)}` : name}}`;
        flags.add("u");
        i = close + 1;
        continue;
      } else if (next === "k" && pattern[i + 2] === "'") {
        const close = pattern.indexOf("'", i + 3);
        if (close < 0) return { ok: false, error: "an unterminated \\k'name' reference" };
        out += `\\k<${pattern.slice(i + 3, close)}>`;
        i = close + 1;
        continue;
      } else if (/[A-Za-z0-9]/.test(next) || SYNTAX_CHARACTERS.has(next) || (inClass && next === "-")) {
        out += `\\${next}`;
      } else {
        // .NET lets any punctuation be escaped; JavaScript's Unicode mode does not.
        out += next;
      }
      i += 2;
      continue;
    }
    if (inClass) {
      if (ch === "-" && pattern[i + 1] === "[") {
        return { ok: false, error: "character class subtraction ([a-z-[aeiou]]) is not supported" };
      }
      if (ch === "]") inClass = false;
      out += ch;
      i += 1;
      continue;
    }
    if (ch === "[") {
      inClass = true;
      out += ch;
      // A leading "]" (or "^]") is a literal in .NET; JavaScript needs it escaped.
      if (pattern[i + 1] === "^") {
        out += "^";
        i += 1;
      }
      if (pattern[i + 1] === "]") {
        out += "\\]";
        i += 1;
      }
      i += 1;
      continue;
    }
    if (ch === "(" && pattern[i + 1] === "?") {
      const rest = pattern.slice(i + 2);
      if (rest.startsWith("#")) {
        const close = pattern.indexOf(")", i);
        if (close < 0) return { ok: false, error: "an unterminated (?#comment)" };
        i = close + 1;
        continue;
      }
      if (rest.startsWith(">")) {
        out += "(?:";
        i += 3;
        continue;
      }
      if (rest.startsWith("(")) return { ok: false, error: "conditional groups (?(...)) are not supported" };
      const named = /^'([A-Za-z_][A-Za-z0-9_]*)'/.exec(rest);
      if (named) {
        out += `(?<${named[1]}>`;
        i += 2 + named[0].length;
        continue;
      }
      const options = /^([imnsx]*)(?:-([imnsx]*))?([:)])/.exec(rest);
      if (options && (options[1] || options[2])) {
        const on = options[1] ?? "";
        const off = options[2] ?? "";
        if (on.includes("x") || off.includes("x")) {
          return { ok: false, error: "the x (ignore pattern whitespace) option is not supported" };
        }
        const scoped = options[3] === ":";
        if (scoped && (off.includes("i") || /[ms]/.test(on + off))) {
          return { ok: false, error: `scoped options (?${options[1]}${off ? `-${off}` : ""}:...) are not supported` };
        }
        if (!scoped) {
          if (on.includes("m")) flags.add("m");
          if (on.includes("s")) flags.add("s");
          if (off.includes("i")) flags.delete("i");
        }
        out += scoped ? "(?:" : "";
        i += 2 + options[0].length;
        continue;
      }
    }
    out += ch;
    i += 1;
  }
  try {
    return { ok: true, regex: new RegExp(out, [...flags].join("")) };
  } catch (error) {
    return {
      ok: false,
      error: error instanceof Error ? error.message.replace(/^Invalid regular expression: /, "") : String(error),
    };
  }
}
