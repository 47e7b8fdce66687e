import { type Context, Hono } from "hono";
import { z } from "zod";
import { callCounts, countCalls, recentCalls, resetCalls } from "./calls";
import { addFault, clearFaults, faultRuleInputSchema, listFaults, removeFault, resetFaults } from "./faults";
import { SERVICE_NAMES, SERVICES } from "./services";

/**
 * The simulator's control API under /__sim, for tests and demos:
 *   GET    /__sim/calls                      counts per service, route and path
 *   GET    /__sim/calls?service=&path=|route= { count }
 *   GET    /__sim/calls/log?service=&limit=  the most recent calls, oldest first
 *   POST   /__sim/reset                      clear counts, faults and every service's own state
 *   POST   /__sim/faults                     add a fault rule → { id, fault }
 *   GET    /__sim/faults                     list rules
 *   DELETE /__sim/faults                     clear all rules
 *   DELETE /__sim/faults/{id}                remove one rule
 * Bad input gets 400 { message, errors: [{ path, message }] }.
 */

const serviceName = z.enum(SERVICE_NAMES);

const callsQuerySchema = z
  .object({
    service: serviceName.optional(),
    path: z.string().startsWith("/", "must start with /").optional(),
    route: z.string().min(1).optional(),
  })
  .refine((query) => query.service !== undefined || (query.path === undefined && query.route === undefined), {
    message: "service is required with path or route",
    path: ["service"],
  });

const callLogQuerySchema = z.object({
  service: serviceName.optional(),
  limit: z.coerce.number().int().min(1).max(1_000).default(100),
});

const faultBodySchema = faultRuleInputSchema.extend({ service: serviceName });

function badRequest(c: Context, message: string, error: z.ZodError) {
  return c.json(
    {
      message,
      errors: error.issues.map((issue) => ({
        path: issue.path.join(".") || (issue.code === "unrecognized_keys" ? issue.keys.join(",") : "(body)"),
        message: issue.message,
      })),
    },
    400,
  );
}

export const control = new Hono();

control.get("/calls", (c) => {
  const parsed = callsQuerySchema.safeParse(c.req.query());
  if (!parsed.success) return badRequest(c, "Invalid calls query", parsed.error);
  const { service, path, route } = parsed.data;
  if (service === undefined) return c.json(callCounts());
  return c.json({ count: countCalls(service, { path, route }) });
});

control.get("/calls/log", (c) => {
  const parsed = callLogQuerySchema.safeParse(c.req.query());
  if (!parsed.success) return badRequest(c, "Invalid call log query", parsed.error);
  return c.json({ calls: recentCalls(parsed.data.service, parsed.data.limit) });
});

control.post("/reset", (c) => {
  resetCalls();
  resetFaults();
  for (const service of SERVICES) service.reset?.();
  return c.json({ ok: true });
});

control.post("/faults", async (c) => {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    return c.json(
      { message: "Invalid fault rule", errors: [{ path: "(body)", message: "Body must be a JSON object" }] },
      400,
    );
  }
  const parsed = faultBodySchema.safeParse(body);
  if (!parsed.success) return badRequest(c, "Invalid fault rule", parsed.error);
  const fault = addFault(parsed.data);
  return c.json({ id: fault.id, fault }, 201);
});

control.get("/faults", (c) => c.json({ faults: listFaults() }));

control.delete("/faults", (c) => c.json({ cleared: clearFaults() }));

control.delete("/faults/:id", (c) => {
  const id = c.req.param("id");
  return removeFault(id) ? c.json({ deleted: id }) : c.json({ message: `No fault rule ${id}`, errors: [] }, 404);
});
