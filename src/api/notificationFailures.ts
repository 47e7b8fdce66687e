import { createRoute, z } from "@hono/zod-openapi";
import { NOTIFICATION_EVENTS } from "../providers/notifications/events";
import { requestContext } from "../services/context";
import {
  deleteNotificationFailure,
  notificationFailurePage,
  retryNotificationFailure,
} from "../services/notificationsDeadLetters";
import { createRouter, jsonContent } from "./router";
import { errorResponses, idParamSchema } from "./schemas/common";

/**
 * `/api/v3/notification/failures`: notification deliveries that failed for good (after their
 * last retry, or at once when no retry can help), to send again or dismiss. Ours, not Radarr's.
 */
export const notificationFailureRouter = createRouter();
const tags = ["Notification"];

const events = Object.keys(NOTIFICATION_EVENTS) as [keyof typeof NOTIFICATION_EVENTS, ...string[]];

const notificationFailureSchema = z
  .object({
    id: z.number().int(),
    notificationId: z.number().int(),
    notificationName: z.string(),
    event: z.enum(events),
    summary: z
      .object({
        title: z.string().optional(),
        year: z.number().int().optional(),
        tmdbId: z.number().int().optional(),
        message: z.string().optional(),
      })
      .openapi({ description: "What the event was about (its movie, or its message); never a secret" }),
    failureKind: z.string().openapi({ description: "The failure taxonomy's kind of the last attempt" }),
    failureMessage: z.string().openapi({ description: "The last attempt's failure, secrets and URL paths removed" }),
    attempts: z.number().int(),
    firstAttemptAt: z.string(),
    lastAttemptAt: z.string(),
  })
  .openapi("NotificationFailure");

export const notificationFailurePageSchema = z
  .object({
    page: z.number().int(),
    pageSize: z.number().int(),
    totalRecords: z.number().int(),
    records: z.array(notificationFailureSchema),
  })
  .openapi("NotificationFailurePage");

notificationFailureRouter.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    summary: "Dead-lettered notification deliveries, newest first",
    request: {
      query: z.object({
        page: z.coerce.number().int().min(1).default(1),
        pageSize: z.coerce.number().int().min(1).max(100).default(20),
      }),
    },
    responses: { 200: jsonContent(notificationFailurePageSchema, "A page of dead letters"), ...errorResponses },
  }),
  async (c) => {
    const { page, pageSize } = c.req.valid("query");
    const { records, totalRecords } = await notificationFailurePage(requestContext(c), page, pageSize);
    return c.json(
      { page, pageSize, totalRecords, records: records.map((r) => notificationFailureSchema.parse(r)) },
      200,
    );
  },
);

notificationFailureRouter.openapi(
  createRoute({
    method: "post",
    path: "/{id}/retry",
    tags,
    summary: "Send a dead-lettered notification again (with a fresh set of retries) and remove its record",
    request: { params: idParamSchema },
    responses: { 202: jsonContent(z.object({}), "Queued again"), ...errorResponses },
  }),
  async (c) => {
    await retryNotificationFailure(requestContext(c), c.req.valid("param").id);
    return c.json({}, 202);
  },
);

notificationFailureRouter.openapi(
  createRoute({
    method: "delete",
    path: "/{id}",
    tags,
    summary: "Dismiss a dead-lettered notification",
    request: { params: idParamSchema },
    responses: { 200: jsonContent(z.object({}), "Removed"), ...errorResponses },
  }),
  async (c) => {
    await deleteNotificationFailure(requestContext(c), c.req.valid("param").id);
    return c.json({}, 200);
  },
);
