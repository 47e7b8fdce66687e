import type { Context, Hono } from "hono";
import * as clock from "../clock";
import { createService, type SimulatedService } from "./service";

/**
 * Notification targets: Plex Media Server, Emby, Jellyfin, Telegram, Pushover, ntfy, Gotify,
 * Slack, Apprise and Pushbullet, each under its own prefix, answering as the real API does
 * (its success body, its refusal of a missing or `invalid` credential) and keeping what it got
 * (the last 200 per service): `GET /<service>/__received?match=<text>` lists the calls whose
 * path, headers or body contain the text, oldest first.
 */
interface ReceivedCall {
  method: string;
  path: string;
  at: string;
  headers: Record<string, string>;
  body: unknown;
}
const KEEP = 200;

async function bodyOf(request: Request): Promise<unknown> {
  const text = await request.text();
  if ((request.headers.get("content-type") ?? "").includes("x-www-form-urlencoded"))
    return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A target service that records every call before its own routes answer. */
function recordingService(name: string, description: string, routes: (app: Hono) => void): SimulatedService {
  const received: ReceivedCall[] = [];
  const service = createService({
    name,
    description,
    errorResponse: (status) => Response.json({ message: `HTTP ${status}` }, { status }),
  });
  service.app.get("/__received", (c) => {
    const match = c.req.query("match") ?? "";
    return c.json({ received: received.filter((r) => JSON.stringify(r).includes(match)) });
  });
  service.app.use("*", async (c, next) => {
    const url = new URL(c.req.url);
    received.push({
      method: c.req.method,
      path: `${url.pathname.slice(service.prefix.length)}${url.search}`,
      at: clock.nowIso(),
      headers: Object.fromEntries(c.req.raw.headers),
      body: c.req.method === "GET" ? null : await bodyOf(c.req.raw.clone()),
    });
    if (received.length > KEEP) received.splice(0, received.length - KEEP);
    await next();
  });
  routes(service.app);
  service.reset = () => received.splice(0);
  return service;
}

/** A credential the real service would refuse: missing, or the word `invalid` in it. */
const refused = (value: string | undefined | null) => !value || value.includes("invalid");
const unauthorized = (c: Context) => c.json({ message: "Unauthorized" }, 401);

const plexServer = recordingService("plex-server", "Plex Media Server: /library/sections and their refresh", (app) => {
  app.get("/library/sections", (c) =>
    refused(c.req.header("X-Plex-Token"))
      ? unauthorized(c)
      : c.json({
          MediaContainer: {
            size: 2,
            Directory: [
              { key: "1", type: "movie", title: "Movies", Location: [{ id: 1, path: "/movies" }] },
              { key: "2", type: "show", title: "TV Shows", Location: [{ id: 2, path: "/tv" }] },
            ],
          },
        }),
  );
  app.get("/library/sections/:key/refresh", (c) =>
    refused(c.req.header("X-Plex-Token")) ? unauthorized(c) : c.body(null, 200),
  );
});

function mediaBrowser(name: string, product: string): SimulatedService {
  return recordingService(name, `${product}: /System/Info and /Library/Media/Updated`, (app) => {
    app.use("*", async (c, next) => (refused(c.req.header("X-Emby-Token")) ? unauthorized(c) : next()));
    app.get("/System/Info", (c) => c.json({ ServerName: `${product} (simulated)`, Version: "10.9.0", Id: name }));
    app.post("/Library/Media/Updated", (c) => c.body(null, 204));
  });
}
const emby = mediaBrowser("emby", "Emby");
const jellyfin = mediaBrowser("jellyfin", "Jellyfin");

const telegram = recordingService("telegram", "Telegram Bot API: /bot<token>/sendMessage", (app) => {
  app.post("/:bot/sendMessage", async (c) => {
    if (refused(c.req.param("bot"))) return c.json({ ok: false, error_code: 401, description: "Unauthorized" }, 401);
    const body = await c.req.json<{ chat_id?: string; text?: string }>();
    if (!body.chat_id) return c.json({ ok: false, error_code: 400, description: "Bad Request: chat not found" }, 400);
    return c.json({ ok: true, result: { message_id: 1, chat: { id: body.chat_id }, text: body.text } });
  });
});

const pushover = recordingService("pushover", "Pushover: /1/messages.json", (app) => {
  app.post("/1/messages.json", async (c) => {
    const form = Object.fromEntries(new URLSearchParams(await c.req.text()));
    if (refused(form.token))
      return c.json({ token: "invalid", errors: ["application token is invalid"], status: 0 }, 400);
    if (refused(form.user)) return c.json({ user: "invalid", errors: ["user identifier is invalid"], status: 0 }, 400);
    return c.json({ status: 1, request: crypto.randomUUID() });
  });
});

const ntfy = recordingService("ntfy", "ntfy: JSON publish to the server root", (app) => {
  app.post("/", async (c) => {
    if (c.req.header("authorization")?.includes("invalid")) return c.json({ code: 40101, error: "unauthorized" }, 401);
    const body = await c.req.json<{ topic?: string; message?: string }>();
    if (!body.topic) return c.json({ code: 40010, error: "invalid request: topic invalid" }, 400);
    return c.json({ id: crypto.randomUUID().slice(0, 12), time: 0, event: "message", ...body });
  });
});

const gotify = recordingService("gotify", "Gotify: POST /message", (app) => {
  app.post("/message", async (c) => {
    if (refused(c.req.header("X-Gotify-Key"))) return c.json({ error: "Unauthorized", errorCode: 401 }, 401);
    return c.json({ id: 1, appid: 1, ...(await c.req.json<object>()) });
  });
});

const slack = recordingService("slack", "Slack incoming webhooks: POST /services/<path>", (app) => {
  app.post("/services/*", (c) => (refused(c.req.path) ? c.text("invalid_token", 403) : c.text("ok")));
});

const apprise = recordingService("apprise", "Apprise API: POST /notify and /notify/<key>", (app) => {
  app.post("/notify", (c) => c.json({ success: true }));
  app.post("/notify/:key", (c) =>
    refused(c.req.param("key")) ? c.json({ error: "No configuration" }, 424) : c.json({ success: true }),
  );
});

const pushbullet = recordingService("pushbullet", "Pushbullet: POST /v2/pushes", (app) => {
  app.post("/v2/pushes", async (c) => {
    if (refused(c.req.header("Access-Token")))
      return c.json({ error: { code: "invalid_access_token", message: "Access token is missing or invalid." } }, 401);
    return c.json({ iden: crypto.randomUUID(), active: true, ...(await c.req.json<object>()) });
  });
});

export const NOTIFIER_SERVICES = [
  plexServer,
  emby,
  jellyfin,
  telegram,
  pushover,
  ntfy,
  gotify,
  slack,
  apprise,
  pushbullet,
];
