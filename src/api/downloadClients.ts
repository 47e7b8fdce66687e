import { z } from "@hono/zod-openapi";
import { upstreamPolicy } from "../config";
import { type DownloadClientRow, downloadClientRepository } from "../db/repositories/providers";
import { Failure, isUpstreamFailure } from "../domain/failures/failure";
import { DOWNLOAD_CLIENTS, type DownloadClientDefinition } from "../providers/downloadClients/registry";
import { assertReachableFromWorker } from "../providers/reachability";
import { type ProviderInput, providerRouter } from "../providers/router";

/** The body fields of a download client beside its name, implementation and settings. */
const inputShape = {
  enable: z.boolean().default(true),
  priority: z.number().int().min(1, "priority must be 1-50").max(50, "priority must be 1-50").default(1),
  removeCompletedDownloads: z.boolean().default(true),
  removeFailedDownloads: z.boolean().default(true),
  tags: z.array(z.number().int().positive()).default([]),
};
type DownloadClientInput = ProviderInput<typeof inputShape>;

/** What a download client's test answers: it connected, and the client's version. */
export const downloadClientTestSchema = z
  .object({ isValid: z.boolean(), version: z.string() })
  .openapi("DownloadClientTest");

/** The fields a download client resource has beside the provider ones. */
export const downloadClientOutput = {
  protocol: z.enum(["torrent", "usenet"]),
  enable: z.boolean(),
  priority: z.number().int(),
  removeCompletedDownloads: z.boolean(),
  removeFailedDownloads: z.boolean(),
  tags: z.array(z.number().int()),
};

/** Radarr's `/api/v3/downloadclient`: download clients in the provider shape, with /schema and /test. */
export const downloadClientRouter = providerRouter({
  resource: "DownloadClient",
  tag: "DownloadClient",
  noun: { title: "Download client", indefinite: "A download client" },
  registry: DOWNLOAD_CLIENTS,
  repository: (c) => downloadClientRepository(c.get("db")),
  output: downloadClientOutput,
  input: inputShape,
  present: (definition: DownloadClientDefinition, row?: DownloadClientRow) => ({
    protocol: definition.protocol,
    enable: row?.enable ?? true,
    priority: row?.priority ?? 1,
    removeCompletedDownloads: row?.removeCompletedDownloads ?? true,
    removeFailedDownloads: row?.removeFailedDownloads ?? true,
    tags: row?.tags ?? [],
  }),
  values: (definition, input: DownloadClientInput) => ({
    protocol: definition.protocol,
    enable: input.enable,
    priority: input.priority,
    removeCompletedDownloads: input.removeCompletedDownloads,
    removeFailedDownloads: input.removeFailedDownloads,
    tags: [...new Set(input.tags)],
  }),
  validate: async (c, input) => assertReachableFromWorker(c.env, input.fields),
  bulk: {
    shape: {
      enable: z.boolean().nullish(),
      priority: z.number().int().min(1, "priority must be 1-50").max(50, "priority must be 1-50").nullish(),
      removeCompletedDownloads: z.boolean().nullish(),
      removeFailedDownloads: z.boolean().nullish(),
    },
  },
  open: (c, definition, settings) =>
    definition.open(settings, { policy: upstreamPolicy(c.env), logger: c.get("logger") }),
  test: {
    result: downloadClientTestSchema,
    onSave: (input: DownloadClientInput) => input.enable,
    run: async (c, definition, settings) => {
      const client = definition.open(settings, { policy: upstreamPolicy(c.env), logger: c.get("logger") });
      return { isValid: true, version: await client.test() };
    },
    failure: testFailure,
    validationFailures: (error) => [
      {
        propertyName: isUpstreamFailure(error) ? error.kind : "upstreamError",
        errorMessage: (error as Error).message,
      },
    ],
  },
});

/** A failed connection test names the field to fix: the credentials, or the address. */
function testFailure(error: unknown, definition: DownloadClientDefinition): unknown {
  if (!isUpstreamFailure(error)) return error;
  const field =
    error.kind === "authenticationFailed"
      ? (definition.secretFields.find((name) => name !== "requestHeaders") ?? "password")
      : "host";
  return new Failure("invalidInput", `Test failed (${error.kind}): ${error.message}`, {
    fields: [{ path: `body.fields.${field}`, message: error.message }],
  });
}
