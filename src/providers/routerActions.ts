import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../api/context";
import { jsonBody, jsonContent } from "../api/router";
import { errorResponses } from "../api/schemas/common";
import type { Env } from "../config";
import { invalidInput } from "../domain/failures/failure";
import { sealSettings } from "../services/secrets";
import type { ProviderAction, ProviderDefinition } from "./definition";
import { givenSettings, parsedSettings, providerFieldInputSchema } from "./resource";
import type { AnyKind } from "./router";

/**
 * The body an action takes: the provider as its settings form holds it (Radarr sends the whole
 * resource). Only the implementation, its fields and a saved provider's id are read: an action
 * runs on a form not saved yet, its name and the kind's columns may still be blank.
 */
const actionBodySchema = z
  .object({
    id: z.number().int().min(0).optional(),
    name: z.string().optional(),
    implementation: z.string().min(1, "implementation is required"),
    fields: providerFieldInputSchema.default([]),
  })
  .passthrough();

const actionParamSchema = z.object({
  name: z
    .string()
    .min(1)
    .openapi({ param: { name: "name", in: "path" }, example: "newznabCategories" }),
});

/** The implementation's action of that name, in any letter case, or a 400 naming what it has. */
function actionNamed(
  actions: Readonly<Record<string, ProviderAction<unknown>>>,
  name: string,
  implementation: string,
): ProviderAction<unknown> {
  const found = Object.entries(actions).find(([key]) => key.toLowerCase() === name.toLowerCase());
  if (found) return found[1];
  const known = Object.keys(actions);
  throw invalidInput(
    "path.name",
    `Unknown action '${name}' for ${implementation}: ${known.length ? `it has ${known.join(", ")}` : "it has none"}`,
  );
}

/**
 * What an action answers, as JSON: a value under a secret field's name (a sign-in's token) is
 * sealed (encrypted under ENCRYPTION_KEY), never sent in clear; the form sends it back as the
 * field's value and the settings open it (resource.ts givenSettings).
 */
async function actionAnswer(env: Env, definition: ProviderDefinition, result: unknown): Promise<object> {
  const answer = (result ?? {}) as object;
  if (Array.isArray(answer) || typeof answer !== "object") return answer;
  return sealSettings(env, answer as Record<string, unknown>, definition.secretFields);
}

/**
 * `POST /action/{name}` (Radarr's RequestAction): runs an action the implementation declares on
 * the settings in the body (a saved provider's secrets kept when sent back masked) and answers
 * what the action returns.
 */
export function registerActions(router: OpenAPIHono<AppEnv>, kind: AnyKind) {
  router.openapi(
    createRoute({
      method: "post",
      path: "/action/{name}",
      tags: [kind.tag],
      summary: "Run an implementation's action on the settings in the body (categories, account connection, …)",
      request: { params: actionParamSchema, body: jsonBody(actionBodySchema) },
      responses: { 200: jsonContent(z.unknown(), "What the action answers"), ...errorResponses },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const definition = kind.registry.find(body.implementation);
      if (!definition)
        throw invalidInput(
          "body.implementation",
          `unknown implementation; one of ${kind.registry.implementations.join(", ")}`,
        );
      const name = c.req.valid("param").name;
      const action = actionNamed(definition.actions, name, definition.implementation);
      if (definition.signInActions.some((signIn) => signIn.toLowerCase() === name.toLowerCase()))
        return c.json(
          await actionAnswer(c.env, definition, await action(undefined, { env: c.env, query: c.req.query() })),
          200,
        );
      const previous = body.id ? await kind.repository(c).get(body.id) : undefined;
      const given = await givenSettings(c.env, definition, body.fields, previous);
      const settings = parsedSettings(definition, given);
      const subject = { ...body, id: previous?.id ?? 0, name: body.name ?? previous?.name ?? "" };
      const client = kind.open(c, definition, settings, subject);
      const result = await action(client, { env: c.env, query: c.req.query() });
      return c.json(await actionAnswer(c.env, definition, result), 200);
    },
  );
}
