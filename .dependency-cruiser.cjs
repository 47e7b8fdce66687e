// The layers of docs/DESIGN (`npm run check:layers`): imports point one way,
//   api → services → (domain | integrations | db),
// with jobs and Durable Objects beside the api (above services), and a small kernel every layer
// may use (clock, config, observability). Type-only imports count like any other, except where a
// rule says so. There is no baseline of known violations: any violation fails the check.

const API = "^src/(api/|app\\.ts$|index\\.ts$|providers/router)";
const JOBS = "^(src/jobs/|durable-objects/)";
const SERVICES = "^src/services/";
const DOMAIN = "^src/domain/";
const DB = "^src/db/";
// The provider framework's kind folders and implementations sit with the integrations: they speak
// to an upstream through the shared http layer and know nothing of the database or the services.
const INTEGRATIONS = "^src/(integrations/|providers/[^/]+/)";
const KERNEL = "^src/(clock\\.ts|config\\.ts|observability/)";
const SERVER = "^(src|durable-objects)/";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "domain-is-pure",
      comment: "The domain is pure logic that runs in plain Node: it imports no other layer and no runtime module.",
      severity: "error",
      from: { path: DOMAIN },
      to: { path: `${SERVER}|^(site|sim|test|bench|scripts)/`, pathNot: DOMAIN },
    },
    {
      name: "domain-has-no-platform",
      comment:
        "No workerd (cloudflare:*) or Node built-in modules in the domain (the domain tsconfig also keeps out workerd globals such as HTMLRewriter).",
      severity: "error",
      from: { path: DOMAIN },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "integrations-not-db",
      comment:
        "Integrations (and provider implementations) speak to upstreams; they never touch the database, the services or the api.",
      severity: "error",
      from: { path: INTEGRATIONS },
      to: { path: `${DB}|${SERVICES}|${API}|${JOBS}` },
    },
    {
      name: "db-imports-only-domain",
      comment:
        "Repositories import the schema, the domain's types and the clock; a provider registry may type an implementation column (type-only).",
      severity: "error",
      from: { path: DB },
      to: { path: SERVER, pathNot: `${DB}|${DOMAIN}|^src/clock\\.ts$|^src/providers/` },
    },
    {
      name: "db-types-from-providers-only",
      comment: "The one exception above, kept to types: a registry names a kind's implementations.",
      severity: "error",
      from: { path: DB },
      to: { path: "^src/providers/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "drizzle-only-in-db",
      comment:
        "SQL lives in the repositories (src/db): only they import drizzle-orm; everything else calls a repository. Raw D1 calls are checked by npm run check:sql.",
      severity: "error",
      from: { pathNot: DB },
      to: { path: "(^|/)node_modules/drizzle-orm/" },
    },
    {
      name: "tables-only-in-db",
      comment:
        "The schema's tables build queries, so only the repositories import them; others may import the schema's types (type-only).",
      severity: "error",
      from: { pathNot: DB },
      to: { path: `${DB}schema\\.ts$`, dependencyTypesNot: ["type-only"] },
    },
    {
      name: "services-below-api",
      comment: "Services never import the api (routes, middleware, schemas), the jobs or the Durable Objects.",
      severity: "error",
      from: { path: SERVICES },
      to: { path: `${API}|${JOBS}` },
    },
    {
      name: "jobs-below-api",
      comment: "Cron, queue consumers and Durable Objects run services; they never import the api.",
      severity: "error",
      from: { path: JOBS },
      to: { path: API },
    },
    {
      name: "kernel-imports-no-layer",
      comment: "clock, config and observability are used by every layer, so they import none.",
      severity: "error",
      from: { path: KERNEL },
      to: { path: SERVER, pathNot: KERNEL },
    },
    {
      name: "site-takes-types-from-server",
      comment:
        "The site bundles no server code: types from the api schemas and the domain, and the domain's data tables.",
      severity: "error",
      from: { path: "^site/" },
      to: { path: `${API}|${SERVICES}|${DB}|${JOBS}|${KERNEL}`, dependencyTypesNot: ["type-only"] },
    },
    {
      name: "no-runtime-cycles",
      comment: "Modules that need each other at load time (type-only imports and lazy import() do not count).",
      severity: "error",
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only", "dynamic-import"] } },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // drizzle-orm stays in the graph (not followed) so that drizzle-only-in-db can see who imports it.
    exclude: { path: "node_modules/(?!drizzle-orm/)" },
    // A worktree's node_modules may be a link to another checkout's: keep the path as written.
    preserveSymlinks: true,
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    // workerd's own modules, seen as built-ins.
    builtInModules: { add: ["cloudflare:workers", "cloudflare:sockets", "cloudflare:email", "cloudflare:test"] },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
    },
  },
};
