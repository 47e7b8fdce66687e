import { z } from "@hono/zod-openapi";
import { type NotificationRow, notificationRepository } from "../db/repositories/notifications";
import { Failure } from "../domain/failures/failure";
import { NOTIFICATIONS } from "../providers/notifications";
import { NOTIFICATION_FLAGS, type NotificationFlag, TEST_PAYLOAD } from "../providers/notifications/events";
import { type ProviderInput, providerRouter } from "../providers/router";
import { requestContext } from "../services/context";
import { MovieLibrary } from "../services/movies";
import { deliverNotification } from "../services/notifications";

/** A new target's subscriptions: health issues only. */
const ON_BY_DEFAULT: ReadonlySet<NotificationFlag> = new Set(["onHealthIssue"]);

/** The events a target subscribes to (Radarr's On* flags, with the two of this app's own), and its tags. */
const notificationInput = {
  ...(Object.fromEntries(
    NOTIFICATION_FLAGS.map((flag) => [flag, z.boolean().default(ON_BY_DEFAULT.has(flag))]),
  ) as Record<NotificationFlag, z.ZodDefault<z.ZodBoolean>>),
  tags: z.array(z.number().int().positive()).default([]),
};
type NotificationInput = ProviderInput<typeof notificationInput>;

const columns = (from: Omit<NotificationInput, "name" | "implementation" | "fields">) => ({
  ...(Object.fromEntries(NOTIFICATION_FLAGS.map((flag) => [flag, from[flag]])) as Record<NotificationFlag, boolean>),
  tags: [...new Set(from.tags)],
});

const supports = (flag: string) => `supports${flag[0].toUpperCase()}${flag.slice(1)}`;

/**
 * Radarr's fixed flags of a notification resource: every event is sent by every target here, and
 * health events of warnings as well as errors (src/services/healthEvents.ts).
 */
const eventSupport = Object.fromEntries([
  ...NOTIFICATION_FLAGS.map((flag) => [supports(flag), true]),
  ["includeHealthWarnings", true],
]) as Record<string, boolean>;

/** The fields a notification resource has beside the provider ones: its event subscriptions and tags. */
export const notificationOutput = {
  ...(Object.fromEntries(NOTIFICATION_FLAGS.map((flag) => [flag, z.boolean()])) as Record<
    NotificationFlag,
    z.ZodBoolean
  >),
  ...Object.fromEntries(Object.keys(eventSupport).map((flag) => [flag, z.boolean()])),
  tags: z.array(z.number().int()),
};

/** What a notification's test answers: the message was delivered. */
export const notificationTestSchema = z.object({ isValid: z.boolean() });

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Radarr's Connect settings (`/api/v3/notification`): webhooks, chats, push services and media servers. */
export const notificationRouter = providerRouter({
  resource: "Notification",
  tag: "Notification",
  noun: { title: "Notification", indefinite: "A notification" },
  registry: NOTIFICATIONS,
  repository: (c) => notificationRepository(c.get("db")),
  output: notificationOutput,
  input: notificationInput,
  // A template subscribes to health issues only, as a new target does.
  present: (_definition, row?: NotificationRow) => ({
    ...eventSupport,
    ...columns(row ?? z.object(notificationInput).parse({})),
  }),
  values: (_definition, input: NotificationInput) => columns(input),
  validate: async (c, input) => {
    await new MovieLibrary(requestContext(c)).assertReferences({ tags: input.tags });
  },
  open: (_c, definition, settings) => definition.open(settings, undefined),
  test: {
    result: notificationTestSchema,
    // Saving sends nothing: a target is tested on demand only.
    onSave: () => false,
    run: async (c, definition, settings) => {
      await deliverNotification({ env: c.env, db: c.get("db") }, definition, settings, "test", TEST_PAYLOAD);
      return { isValid: true };
    },
    failure: (error) =>
      new Failure("invalidInput", `Notification test failed: ${messageOf(error)}`, {
        fields: [{ path: "body.fields", message: messageOf(error) }],
      }),
    validationFailures: (error) => [{ propertyName: "fields", errorMessage: messageOf(error) }],
  },
});
