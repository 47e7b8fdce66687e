/**
 * `npm run check:size`: production functions over 80 lines and files over 400 lines in src/,
 * durable-objects/ and site/src (STYLE.md: functions fit on a screen, files hold one concept).
 * Functions are measured by the TypeScript parser from their first to their last line, nested
 * ones included in their parent's length and reported on their own too. Exits 1 when any is over.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DIRECTORIES = ["src", "durable-objects", "site/src"];
const MAX_FUNCTION_LINES = 80;
const MAX_FILE_LINES = 400;

/** Files whose length is their content, not their design: the schema and data tables, by name. */
const EXEMPT_FILES = new Map([["src/db/schema.ts", "the drizzle schema, the one source of the tables"]]);

function sourceFiles(directory) {
  return readdirSync(join(ROOT, directory), { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

/** What to call a function in the report: its own name, or the name it is given, or where it is passed. */
function functionName(node, source) {
  if (node.name) return node.name.getText(source);
  if (ts.isConstructorDeclaration(node)) return "constructor";
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) {
    return parent.name.getText(source);
  }
  if (ts.isCallExpression(parent)) {
    const callee = parent.expression.getText(source).replace(/\s+/g, " ");
    return `(callback of ${callee.length > 40 ? `…${callee.slice(-40)}` : callee})`;
  }
  return "(anonymous)";
}

function lineOf(source, position) {
  return source.getLineAndCharacterOfPosition(position).line + 1;
}

function longFunctions(path, source) {
  const found = [];
  const visit = (node) => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const first = lineOf(source, node.getStart(source));
      const lines = lineOf(source, node.getEnd()) - first + 1;
      if (lines > MAX_FUNCTION_LINES) found.push({ path, line: first, name: functionName(node, source), lines });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const files = DIRECTORIES.flatMap(sourceFiles).map((path) => relative(ROOT, join(ROOT, path)).replaceAll("\\", "/"));
const longFiles = [];
const functions = [];
for (const path of files.sort()) {
  const text = readFileSync(join(ROOT, path), "utf8");
  const kind = path.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
  const lines = text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
  if (lines > MAX_FILE_LINES && !EXEMPT_FILES.has(path)) longFiles.push({ path, lines });
  functions.push(...longFunctions(path, source));
}

longFiles.sort((a, b) => b.lines - a.lines);
functions.sort((a, b) => b.lines - a.lines);
console.log(
  `Files over ${MAX_FILE_LINES} lines (${longFiles.length}; exempt: ${[...EXEMPT_FILES.keys()].join(", ")}):`,
);
for (const f of longFiles) console.log(`  ${String(f.lines).padStart(5)}  ${f.path}`);
console.log(`Functions over ${MAX_FUNCTION_LINES} lines (${functions.length}):`);
for (const f of functions) console.log(`  ${String(f.lines).padStart(5)}  ${f.path}:${f.line}  ${f.name}`);
console.log(`${files.length} files checked.`);
if (longFiles.length || functions.length) process.exitCode = 1;
