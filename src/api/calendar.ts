import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { invalidInput } from "../domain/failures/failure";
import { CALENDAR_RELEASE_TYPES, type CalendarReleaseType } from "../domain/library/calendarFeed";
import { calendarFeedText, calendarJson } from "../services/libraryViews";
import type { AppEnv } from "./context";
import { createRouter, jsonContent } from "./router";
import { errorResponses, queryBoolean } from "./schemas/common";
import { movieResourceSchema } from "./schemas/movie";

export const calendarRouter = createRouter();
/** Mounted at /feed/v3/calendar: Radarr's iCal feed, with the API key as `?apikey=` as calendar apps send it. */
export const calendarFeedRouter = createRouter();

const tags = ["Calendar"];

calendarRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    summary:
      "Movies with a cinema, digital or physical release from start to end (default today to two days on), monitored ones unless unmonitored=true; tags are ids or labels, comma-separated",
    request: {
      query: z.object({
        start: z.string().max(40).optional(),
        end: z.string().max(40).optional(),
        unmonitored: queryBoolean.default(false),
        tags: z.string().max(1000).optional(),
      }),
    },
    responses: { 200: jsonContent(z.array(movieResourceSchema), "Movies released in the range"), ...errorResponses },
  }),
  async (c) => {
    const body = await calendarJson(c.get("db"), c.req.valid("query"));
    // Built as JSON text (the stored metadata spliced in); typed as the documented list.
    return c.body(body, 200, { "content-type": "application/json; charset=utf-8" }) as never;
  },
);

/** Radarr's releaseTypes (repeated or comma-separated), case-insensitively. */
const releaseTypesSchema = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value, ctx) => {
    const names = (Array.isArray(value) ? value : value ? [value] : []).flatMap((v) => v.split(",")).filter(Boolean);
    const types: CalendarReleaseType[] = [];
    for (const name of names) {
      const type = CALENDAR_RELEASE_TYPES.find((t) => t.toLowerCase() === name.trim().toLowerCase());
      if (!type) {
        ctx.addIssue({ code: "custom", message: `releaseTypes must be among ${CALENDAR_RELEASE_TYPES.join(", ")}` });
        return z.NEVER;
      }
      types.push(type);
    }
    return types;
  });

const feedRoute = createRoute({
  method: "get",
  path: "/radarr.ics",
  tags,
  summary:
    "Radarr's iCal feed (RFC 5545): an all-day event per release of each movie from pastDays ago to futureDays on; the API key may be ?apikey=",
  request: {
    query: z.object({
      pastDays: z.coerce.number().int().min(0).max(36_500).default(7),
      futureDays: z.coerce.number().int().min(0).max(36_500).default(28),
      tags: z.string().max(1000).optional(),
      unmonitored: queryBoolean.default(false),
      releaseTypes: releaseTypesSchema.openapi({
        type: "array",
        items: { type: "string", enum: [...CALENDAR_RELEASE_TYPES] },
      }),
    }),
  },
  responses: {
    200: { content: { "text/calendar": { schema: z.string() } }, description: "The iCalendar feed" },
    ...errorResponses,
  },
});

async function feed(c: Context<AppEnv>, query: z.output<NonNullable<typeof feedRoute.request.query>>) {
  const text = await calendarFeedText(c.get("db"), query);
  return c.body(text, 200, { "content-type": "text/calendar; charset=utf-8" });
}

calendarFeedRouter.openapi(feedRoute, async (c) => feed(c, c.req.valid("query")));

// Radarr's own spelling (its UI's subscribe link): the same feed, outside the OpenAPI document.
calendarFeedRouter.get("/Radarr.ics", async (c) => {
  const parsed = feedRoute.request.query.safeParse({ ...c.req.query(), releaseTypes: c.req.queries("releaseTypes") });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalidInput(`query.${issue.path.join(".")}`, issue.message);
  }
  return feed(c, parsed.data);
});
