import { z } from "@hono/zod-openapi";
import { type NotificationRow, notificationRepository } from "../db/repositories/notifications";
import { Failure } from "../domain/failures/failure";
import { NOTIFICATIONS } from "../providers/notifications";
import { TEST_PAYLOAD } from "../providers/notifications/events";
import { type ProviderInput, providerRouter } from "../providers/router";
import { deliverNotification } from "../services/notifications";

/** The events a target subscribes to (Radarr's On* flags), with a new target's defaults. */
const eventFlags = {
  onGrab: z.boolean().default(false),
  onDownload: z.boolean().default(false),
  onUpgrade: z.boolean().default(false),
  onDownloadFailure: z.boolean().default(false),
  onHealthIssue: z.boolean().default(true),
  onMovieAdded: z.boolean().default(false),
  /** Not Radarr's: an import list sync's summary (added/removed/unchanged counts). */
  onImportListSync: z.boolean().default(false),
};
type NotificationInput = ProviderInput<typeof eventFlags>;

const flags = (from: Omit<NotificationInput, "name" | "implementation" | "fields">) => ({
  onGrab: from.onGrab,
  onDownload: from.onDownload,
  onUpgrade: from.onUpgrade,
  onDownloadFailure: from.onDownloadFailure,
  onHealthIssue: from.onHealthIssue,
  onMovieAdded: from.onMovieAdded,
  onImportListSync: from.onImportListSync,
});

/** Radarr's events no target here is sent (nothing renames or deletes files on disk): never on, not supported. */
const UNSENT_EVENTS = [
  "onRename",
  "onMovieDelete",
  "onMovieFileDelete",
  "onMovieFileDeleteForUpgrade",
  "onHealthRestored",
  "onApplicationUpdate",
  "onManualInteractionRequired",
] as const;
const SENT_EVENTS = ["onGrab", "onDownload", "onUpgrade", "onMovieAdded", "onHealthIssue", "onImportListSync"] as const;
const supports = (flag: string) => `supports${flag[0].toUpperCase()}${flag.slice(1)}`;

/** Radarr's fixed flags of a notification resource: which events are sent at all. */
const eventSupport = Object.fromEntries([
  ...UNSENT_EVENTS.flatMap((flag) => [
    [flag, false],
    [supports(flag), false],
  ]),
  ...SENT_EVENTS.map((flag) => [supports(flag), true]),
  ["includeHealthWarnings", false],
]) as Record<string, boolean>;

/** The fields a notification resource has beside the provider ones: its event subscriptions. */
export const notificationOutput = {
  onGrab: z.boolean(),
  onDownload: z.boolean(),
  onUpgrade: z.boolean(),
  onDownloadFailure: z.boolean(),
  onHealthIssue: z.boolean(),
  onMovieAdded: z.boolean(),
  onImportListSync: z.boolean(),
  ...Object.fromEntries(Object.keys(eventSupport).map((flag) => [flag, z.boolean()])),
};

/** What a notification's test answers: the message was delivered. */
export const notificationTestSchema = z.object({ isValid: z.boolean() });

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Radarr's Connect settings (`/api/v3/notification`): webhook and Discord targets. */
export const notificationRouter = providerRouter({
  resource: "Notification",
  tag: "Notification",
  noun: { title: "Notification", indefinite: "A notification" },
  registry: NOTIFICATIONS,
  repository: (c) => notificationRepository(c.get("db")),
  output: notificationOutput,
  input: eventFlags,
  // A template subscribes to health issues only, as a new target does.
  present: (_definition, row?: NotificationRow) => ({
    ...eventSupport,
    ...flags(row ?? z.object(eventFlags).parse({})),
  }),
  values: (_definition, input: NotificationInput) => flags(input),
  open: (_c, definition, settings) => definition.open(settings, undefined),
  test: {
    result: notificationTestSchema,
    // Saving sends nothing: a target is tested on demand only.
    onSave: () => false,
    run: async (c, definition, settings) => {
      await deliverNotification({ env: c.env, db: c.get("db") }, definition, settings, "healthIssue", TEST_PAYLOAD);
      return { isValid: true };
    },
    failure: (error) =>
      new Failure("invalidInput", `Notification test failed: ${messageOf(error)}`, {
        fields: [{ path: "body.fields", message: messageOf(error) }],
      }),
    validationFailures: (error) => [{ propertyName: "fields", errorMessage: messageOf(error) }],
  },
});
