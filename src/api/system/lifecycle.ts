import { createRoute, z } from "@hono/zod-openapi";
import { Failure } from "../../domain/failures/failure";
import { forgetCachedInMemory } from "../../integrations/cache";
import { forgetLibraryIds } from "../../services/libraryIdsCache";
import { createRouter, jsonContent } from "../router";
import { errorResponses } from "../schemas/common";

/** The app's route table, its restart and (not applicable) shutdown: Radarr's /system/routes, /restart, /shutdown. */
export const systemLifecycleRouter = createRouter();
const tags = ["System"];

interface RegisteredRoute {
  method: string;
  path: string;
}

interface DocumentedRoute {
  method: string;
  path: string;
  operationId?: string;
}

/** What the app registered, read once it is built (immutable for the isolate's life). */
let table: { routes: RegisteredRoute[]; documented: DocumentedRoute[] } = { routes: [], documented: [] };

/**
 * Records the app's routes for /system/routes: Hono's route list (every handler of every route,
 * middleware included) and the OpenAPI registry's route definitions (one per registration).
 */
export function recordRouteTable(
  routes: readonly RegisteredRoute[],
  definitions: readonly { type: string; route?: { method: string; path: string; operationId?: string } }[],
) {
  const seen = new Set<string>();
  const concrete: RegisteredRoute[] = [];
  for (const { method, path } of routes) {
    const key = `${method} ${path}`;
    if (method === "ALL" || path.includes("*") || seen.has(key)) continue;
    seen.add(key);
    concrete.push({ method, path });
  }
  const documented = definitions.flatMap((d) =>
    d.type === "route" && d.route
      ? [{ method: d.route.method.toUpperCase(), path: d.route.path, operationId: d.route.operationId }]
      : [],
  );
  table = { routes: concrete, documented };
}

interface Node {
  id: number;
  label: string;
  methods: string[];
  children: Map<string, Node>;
}

/**
 * The route table as a Graphviz digraph, as Radarr's /system/routes writes ASP.NET's routing DFA:
 * one node per path prefix labelled with the path and the HTTP methods answered there, one edge
 * per segment (a parameter is `{…}`, as ASP.NET draws it).
 */
function routeGraph(routes: readonly RegisteredRoute[]): string {
  let next = 0;
  const node = (label: string): Node => ({ id: next++, label, methods: [], children: new Map() });
  const root = node("/");
  for (const { method, path } of routes) {
    let at = root;
    for (const segment of path.split("/").filter(Boolean)) {
      const edge = segment.startsWith(":") || segment.startsWith("{") ? "{…}" : segment.toLowerCase();
      let child = at.children.get(edge);
      if (!child) {
        child = node(`${at.label === "/" ? "" : at.label}/${edge}`);
        at.children.set(edge, child);
      }
      at = child;
    }
    if (!at.methods.includes(method)) at.methods.push(method);
  }
  const nodes: string[] = [];
  const edges: string[] = [];
  const visit = (at: Node) => {
    const methods = at.methods.length ? ` HTTP: ${at.methods.sort().join(", ")}` : "";
    nodes.push(`${at.id} [label="${at.label}${methods}"]`);
    for (const [segment, child] of at.children) {
      edges.push(`${at.id} -> ${child.id} [label="${segment}"]`);
      visit(child);
    }
  };
  visit(root);
  return `digraph DFA {\n${[...nodes, ...edges].join("\n")}\n}\n`;
}

/**
 * Routes registered twice for one method and path shape (parameters named alike or not): the
 * later registration is never reached. Keyed as Radarr keys them, by the route's path node.
 */
function duplicateRoutes(documented: readonly DocumentedRoute[]): Record<string, string[]> {
  const byShape = new Map<string, string[]>();
  for (const { method, path, operationId } of documented) {
    const shape = `${path.replace(/\{[^}]+\}|:[^/]+/g, "{…}").toLowerCase()} HTTP: ${method}`;
    const names = byShape.get(shape) ?? [];
    names.push(`${method} ${path}${operationId ? ` (${operationId})` : ""}`);
    byShape.set(shape, names);
  }
  return Object.fromEntries([...byShape].filter(([, names]) => names.length > 1));
}

systemLifecycleRouter.openapi(
  createRoute({
    method: "get",
    path: "/routes",
    tags,
    summary: "The app's routes as a Graphviz digraph (text), as Radarr draws its routing table",
    responses: { 200: { content: { "text/plain": { schema: z.string() } }, description: "Route graph" } },
  }),
  (c) => c.text(routeGraph(table.routes), 200),
);

systemLifecycleRouter.openapi(
  createRoute({
    method: "get",
    path: "/routes/duplicate",
    tags,
    summary: "Routes registered more than once for the same method and path (none in a healthy build)",
    responses: {
      200: jsonContent(z.record(z.string(), z.array(z.string())), "Duplicates by route"),
      ...errorResponses,
    },
  }),
  (c) => c.json(duplicateRoutes(table.documented), 200),
);

systemLifecycleRouter.openapi(
  createRoute({
    method: "post",
    path: "/restart",
    tags,
    summary:
      "Restart, as far as a Worker can: this isolate drops its in-memory caches (upstream answers, library ids); settings are read from D1 on every request",
    responses: { 200: jsonContent(z.object({ restarting: z.boolean() }), "Restarting"), ...errorResponses },
  }),
  (c) => {
    forgetCachedInMemory();
    forgetLibraryIds();
    return c.json({ restarting: true }, 200);
  },
);

/**
 * Not applicable on Workers, so not in the API document as served: the platform starts the app
 * on demand and there is no process to stop. Answers 409 saying so, rather than Radarr's 404.
 */
systemLifecycleRouter.post("/shutdown", () => {
  throw new Failure(
    "conflict",
    "Shutdown is not applicable: Cloudflare Workers run the app on demand, so there is no process to stop. Remove the deployment (`npx wrangler delete`) or its routes to take the app offline.",
  );
});
