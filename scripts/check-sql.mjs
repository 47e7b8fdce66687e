/**
 * `npm run check:sql`: SQL runs only in src/db (the repositories). Outside it, in src/ and
 * durable-objects/, any call that runs SQL on D1 fails with its file:line:
 * - `.prepare(`, `.batch(`, `.exec(`, `.dump(` or `.withSession(` on a D1 binding or a database
 *   handle: a receiver named DB, d1, db or database (`env.DB`, `this.db`, `ctx.db`…) or drizzle's
 *   `$client`;
 * - drizzle's raw-SQL runners `.run(`, `.all(`, `.get(`, `.values(` on such a database handle;
 * - `.prepare(` of a string that reads as SQL, whatever the receiver is called;
 * - any use of drizzle's `$client` (the D1 binding behind a Database).
 * Imports of drizzle-orm are checked by dependency-cruiser (`npm run check:layers`). The parser
 * reads code only, so comments and strings never match. Exits 1 when any is found.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DIRECTORIES = ["src", "durable-objects"];
const SQL_HOME = "src/db/";

const D1_METHODS = new Set(["prepare", "batch", "exec", "dump", "withSession"]);
const DRIZZLE_RAW_METHODS = new Set(["run", "all", "get", "values"]);
/** A receiver that is a D1 binding or a database handle: `DB`, `d1`, `db`, `database`, by its last name. */
const DATABASE_NAME = /^(db|d1|database)$/i;
const SQL_TEXT = /^\s*(select|insert|update|delete|replace|with|create|drop|alter|pragma)\b/i;

function sourceFiles(directory) {
  return readdirSync(join(ROOT, directory), { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

/** The last name of a receiver: `DB` for `c.env.DB`, `db` for `this.db`, `$client` for `db.$client`. */
function lastName(expression) {
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression)) return expression.name.text;
  if (ts.isNonNullExpression(expression) || ts.isParenthesizedExpression(expression)) {
    return lastName(expression.expression);
  }
  return "";
}

/** A string or template whose text starts like an SQL statement. */
function isSqlText(node) {
  if (node === undefined) return false;
  if (ts.isStringLiteralLike(node)) return SQL_TEXT.test(node.text);
  return ts.isTemplateExpression(node) && SQL_TEXT.test(node.head.text);
}

/** Why a call runs SQL, or undefined when it does not. */
function sqlCall(call) {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  const receiver = lastName(callee.expression);
  const onDatabase = DATABASE_NAME.test(receiver) || receiver === "$client";
  if (D1_METHODS.has(method) && onDatabase) return `${receiver}.${method}(…) runs SQL on D1`;
  if (DRIZZLE_RAW_METHODS.has(method) && onDatabase) return `${receiver}.${method}(…) runs SQL on D1`;
  if (method === "prepare" && isSqlText(call.arguments[0])) return `${receiver}.prepare(…) of an SQL statement`;
  return undefined;
}

function findings(path) {
  const source = ts.createSourceFile(path, readFileSync(join(ROOT, path), "utf8"), ts.ScriptTarget.Latest, true);
  const found = [];
  const report = (node, why) =>
    found.push({ path, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, why });
  const visit = (node) => {
    if (ts.isCallExpression(node)) {
      const why = sqlCall(node);
      if (why) report(node, why);
    } else if (ts.isPropertyAccessExpression(node) && node.name.text === "$client") {
      report(node, "drizzle's $client is the D1 binding");
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const files = DIRECTORIES.flatMap(sourceFiles).filter((path) => !path.startsWith(SQL_HOME));
const failing = files.flatMap(findings);
for (const f of failing)
  console.error(`${f.path}:${f.line}: ${f.why} — SQL belongs in a repository (src/db/repositories)`);
if (failing.length) {
  console.error(`\n${failing.length} SQL call(s) outside src/db.`);
  process.exit(1);
}
console.log(`check:sql: no SQL outside src/db in ${files.length} files.`);
