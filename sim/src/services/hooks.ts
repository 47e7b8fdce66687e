import * as clock from "../clock";
import { createService } from "./service";

/**
 * A receiver for outgoing notifications: webhook and Discord-style posts land at
 * `/hooks/<channel>` and are kept (the last 200) so tests can read what was sent.
 * `/hooks/discord/<channel>` (and `/hooks/discord/<channel>/<token>`, Discord's own shape) answers
 * as Discord does (204 No Content).
 */
interface ReceivedHook {
  channel: string;
  method: string;
  at: string;
  /** The request's headers (names lower-cased), so tests can check custom headers arrived. */
  headers: Record<string, string>;
  body: unknown;
}

const received: ReceivedHook[] = [];
const KEEP = 200;

export const hooks = createService({
  name: "hooks",
  description:
    "Receives webhook and Discord notifications: POST /hooks/<channel>; GET /hooks/<channel> lists what arrived",
  errorResponse: (status) => Response.json({ message: `HTTP ${status}` }, { status }),
});

async function receive(channel: string, request: Request): Promise<void> {
  const text = await request.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Kept as text: a receiver takes whatever it is sent.
  }
  received.push({
    channel,
    method: request.method,
    at: clock.nowIso(),
    headers: Object.fromEntries(request.headers),
    body,
  });
  if (received.length > KEEP) received.splice(0, received.length - KEEP);
}

hooks.app.post("/discord/:channel", async (c) => {
  await receive(`discord/${c.req.param("channel")}`, c.req.raw);
  return c.body(null, 204);
});
// Discord's own shape, /api/webhooks/<id>/<token>: the token is a second path segment.
hooks.app.post("/discord/:channel/:token", async (c) => {
  await receive(`discord/${c.req.param("channel")}/${c.req.param("token")}`, c.req.raw);
  return c.body(null, 204);
});
hooks.app.get("/discord/:channel/:token", (c) =>
  c.json({
    received: received.filter((r) => r.channel === `discord/${c.req.param("channel")}/${c.req.param("token")}`),
  }),
);
hooks.app.on(["POST", "PUT"], "/:channel", async (c) => {
  await receive(c.req.param("channel"), c.req.raw);
  return c.json({ ok: true });
});
hooks.app.get("/discord/:channel", (c) =>
  c.json({ received: received.filter((r) => r.channel === `discord/${c.req.param("channel")}`) }),
);
hooks.app.get("/:channel", (c) => c.json({ received: received.filter((r) => r.channel === c.req.param("channel")) }));
