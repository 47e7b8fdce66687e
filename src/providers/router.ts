import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../api/context";
import { createRouter, jsonBody, jsonContent } from "../api/router";
import { errorResponses, forceSaveQuery, idParamSchema } from "../api/schemas/common";
import type { ProviderRepository, StoredProvider } from "../db/repositories/providers";
import { invalidInput, resourceNotFound } from "../domain/failures/failure";
import { openSettings, sealSettings } from "../services/secrets";
import type { ProviderDefinition } from "./definition";
import type { ProviderRegistry } from "./registry";
import {
  fieldResources,
  givenSettings,
  parsedSettings,
  providerFieldInputSchema,
  providerFieldSchema,
} from "./resource";
import { registerActions } from "./routerActions";
import { type ProviderBulk, registerBulk } from "./routerBulk";

/** The body fields every provider takes; a kind adds its own (`enable`, `priority`, …). */
const baseInputShape = {
  name: z.string().trim().min(1, "name is required").max(200),
  implementation: z.string().min(1, "implementation is required"),
  configContract: z.string().optional(),
  fields: providerFieldInputSchema.default([]),
};

type BaseInput = z.infer<z.ZodObject<typeof baseInputShape>>;

/** A kind's body: the common fields and its own (`shape`), as validated. */
export type ProviderInput<Shape extends z.ZodRawShape> = BaseInput & z.infer<z.ZodObject<Shape>>;

/** What a test or an action is run for: a saved provider, or a body (id 0). */
type TestSubject = { id: number; name: string } & Record<string, unknown>;

/** One entry of `testall`'s `validationFailures`. */
interface ValidationFailure {
  propertyName: string;
  errorMessage: string;
}

/**
 * One pluggable kind served by providerRouter (Radarr's ProviderControllerBase): its registry,
 * its table, the columns it adds to the common provider shape and how it tests a provider.
 */
export interface ProviderKind<
  Definition extends ProviderDefinition,
  Row extends StoredProvider,
  Values,
  InputShape extends z.ZodRawShape,
  Output extends z.ZodRawShape,
> {
  /** OpenAPI names: the resource, `${resource}Input` for bodies. */
  resource: string;
  tag: string;
  /** How messages name one: `Download client 3 not found`, `A download client named 'x' already exists`. */
  noun: { title: string; indefinite: string };
  registry: ProviderRegistry<Definition>;
  repository(c: Context<AppEnv>): ProviderRepository<Row, Values>;
  /** The kind's own resource fields and body fields (with their defaults). */
  output: Output;
  input: InputShape;
  /** The kind's resource fields for a saved row, or for a template (no row). */
  present(definition: Definition, row?: Row): z.infer<z.ZodObject<Output>>;
  /** The kind's columns from a validated body. */
  values(
    definition: Definition,
    input: ProviderInput<InputShape>,
  ): Omit<Values, "name" | "implementation" | "settings">;
  /** Rules beyond the settings schema (tags exist, …); throw a Failure. */
  validate?(c: Context<AppEnv>, input: ProviderInput<InputShape>): Promise<void>;
  /** The kind's own routes (`/jobs`, `/{id}/history`, …), registered before `/{id}` so fixed paths win. */
  routes?(router: OpenAPIHono<AppEnv>): void;
  /** What a bulk edit may set (Radarr's *BulkResource); no `/bulk` routes without it. */
  bulk?: ProviderBulk;
  /** The implementation's client for plain settings, as its actions run on it. */
  open(c: Context<AppEnv>, definition: Definition, settings: Record<string, unknown>, subject: TestSubject): unknown;
  test: {
    /** The `/test` answer's schema, registered under its name. */
    result: z.ZodType;
    /** Whether a save tests first (something would use the provider); `forceSave` skips it anyway. */
    onSave(input: ProviderInput<InputShape>): boolean;
    /** Runs the implementation's test with plain settings; resolves with the `/test` answer. */
    run(
      c: Context<AppEnv>,
      definition: Definition,
      settings: Record<string, unknown>,
      subject: TestSubject,
    ): Promise<unknown>;
    /** A failed test of a body, as the Failure the caller sees (a 400 naming the field to fix). */
    failure(error: unknown, definition: Definition, subject: TestSubject): unknown;
    /** A failed test of a saved provider, as `testall` reports it. */
    validationFailures(error: unknown, row: Row): ValidationFailure[];
  };
}

const testAllSchema = z.array(
  z.object({
    id: z.number().int(),
    isValid: z.boolean(),
    validationFailures: z.array(z.object({ propertyName: z.string(), errorMessage: z.string() })),
  }),
);

/**
 * The routes of one provider kind: list, schema, get, create, update, delete, test and testall,
 * with name uniqueness, secrets sealed in D1 and masked in responses, and `forceSave`.
 */
export function providerRouter<
  Definition extends ProviderDefinition,
  Row extends StoredProvider,
  Values,
  InputShape extends z.ZodRawShape,
  Output extends z.ZodRawShape,
>(kind: ProviderKind<Definition, Row, Values, InputShape, Output>): OpenAPIHono<AppEnv> {
  const router = createRouter();
  for (const definition of kind.registry.definitions)
    router.openAPIRegistry.register(definition.configContract, definition.settings);
  const schemas = providerSchemas(kind);
  const parts = providerParts(kind);
  // The routes read the kind through its common shape; its own types end at providerParts.
  const common = kind as unknown as AnyKind;
  const shared = parts as unknown as Parts;
  registerReads(router, common, schemas, shared);
  registerTests(router, common, schemas, shared);
  registerActions(router, common);
  // Before `/{id}`: "bulk" is no id.
  registerBulk(router, common, schemas, shared);
  registerWrites(router, common, schemas, shared);
  return router;
}

function providerSchemas<Output extends z.ZodRawShape>(kind: {
  resource: string;
  registry: ProviderRegistry<ProviderDefinition>;
  output: Output;
  input: z.ZodRawShape;
}) {
  const resource = z
    .object({
      id: z.number().int().optional(),
      name: z.string(),
      implementation: z.enum(kind.registry.implementations as [string, ...string[]]),
      implementationName: z.string(),
      configContract: z.string(),
      infoLink: z.string(),
      ...kind.output,
      fields: z.array(providerFieldSchema),
    })
    .openapi(kind.resource);
  const input = z
    .object({ ...baseInputShape, ...kind.input })
    .passthrough()
    .openapi(`${kind.resource}Input`);
  return { resource, input };
}
export type Schemas = ReturnType<typeof providerSchemas>;
/** A resource of the kind whose routes add these `output` fields, as they answer it (the site's type). */
export type ProviderResourceOf<Output extends z.ZodRawShape> = z.infer<
  ReturnType<typeof providerSchemas<Output>>["resource"]
>;

/** A body of the kind whose routes take these `input` fields, as a client may send it (the site's type). */
export type ProviderBodyOf<InputShape extends z.ZodRawShape> = z.input<z.ZodObject<typeof baseInputShape & InputShape>>;

/** The pieces the routes share: the resource of a row, a validated body, a test. */
function providerParts<
  Definition extends ProviderDefinition,
  Row extends StoredProvider,
  Values,
  InputShape extends z.ZodRawShape,
  Output extends z.ZodRawShape,
>(kind: ProviderKind<Definition, Row, Values, InputShape, Output>) {
  const describe = (definition: Definition) => ({
    implementation: definition.implementation,
    implementationName: definition.implementationName,
    configContract: definition.configContract,
    infoLink: definition.infoLink,
  });
  const resource = (row: Row) => {
    const definition = kind.registry.get(row.implementation);
    return {
      id: row.id,
      name: row.name,
      ...describe(definition),
      ...kind.present(definition, row),
      fields: fieldResources(definition, row.settings),
    };
  };
  const template = (c: Context<AppEnv>, definition: Definition) => {
    return {
      // Radarr's templates carry id 0: not saved yet.
      id: 0,
      name: "",
      ...describe(definition),
      ...kind.present(definition),
      fields: fieldResources(definition, definition.environmentDefaults(c.env)),
    };
  };
  const get = async (c: Context<AppEnv>, id: number) => {
    const row = await kind.repository(c).get(id);
    if (!row) throw resourceNotFound(`${kind.noun.title} ${id}`);
    return row;
  };
  const validated = async (c: Context<AppEnv>, input: ProviderInput<InputShape>, previous?: Row) => {
    const definition = kind.registry.find(input.implementation);
    if (!definition)
      throw invalidInput(
        "body.implementation",
        `unknown implementation; one of ${kind.registry.implementations.join(", ")}`,
      );
    const given = await givenSettings(c.env, definition, input.fields, previous);
    const settings = parsedSettings(definition, given);
    await kind.validate?.(c, input);
    const clash = await kind.repository(c).idByName(input.name);
    if (clash !== undefined && clash !== previous?.id)
      throw invalidInput("body.name", `${kind.noun.indefinite} named '${input.name}' already exists`);
    const sealed = await sealSettings(c.env, settings, definition.secretFields, previous?.settings);
    const values = {
      name: input.name,
      implementation: definition.implementation,
      settings: sealed,
      ...kind.values(definition, input),
    } as Values;
    return { definition, settings, values };
  };
  const test = async (
    c: Context<AppEnv>,
    input: ProviderInput<InputShape>,
    checked: { definition: Definition; settings: Record<string, unknown> },
  ) => {
    const subject = { ...input, id: 0 };
    try {
      return await kind.test.run(c, checked.definition, checked.settings, subject);
    } catch (error) {
      throw kind.test.failure(error, checked.definition, subject);
    }
  };
  return { resource, template, get, validated, test };
}

export type AnyKind = ProviderKind<ProviderDefinition, StoredProvider, unknown, z.ZodRawShape, z.ZodRawShape>;
export type Parts = ReturnType<
  typeof providerParts<ProviderDefinition, StoredProvider, unknown, z.ZodRawShape, z.ZodRawShape>
>;
type Router = OpenAPIHono<AppEnv>;

function registerReads(router: Router, kind: AnyKind, schemas: Schemas, parts: Parts) {
  const tags = [kind.tag];
  router.openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      responses: {
        200: jsonContent(z.array(schemas.resource), `Every ${kind.noun.title.toLowerCase()}`),
        ...errorResponses,
      },
    }),
    async (c) => c.json((await kind.repository(c).list()).map(parts.resource), 200),
  );
  router.openapi(
    createRoute({
      method: "get",
      path: "/schema",
      tags,
      summary: "A template per implementation, with its fields and defaults",
      responses: { 200: jsonContent(z.array(schemas.resource), "Templates"), ...errorResponses },
    }),
    async (c) =>
      c.json(
        kind.registry.definitions.map((definition) => parts.template(c, definition)),
        200,
      ),
  );
  kind.routes?.(router);
  router.openapi(
    createRoute({
      method: "get",
      path: "/{id}",
      tags,
      request: { params: idParamSchema },
      responses: { 200: jsonContent(schemas.resource, kind.noun.title), ...errorResponses },
    }),
    async (c) => c.json(parts.resource(await parts.get(c, c.req.valid("param").id)), 200),
  );
}

function registerTests(router: Router, kind: AnyKind, schemas: Schemas, parts: Parts) {
  const tags = [kind.tag];
  router.openapi(
    createRoute({
      method: "post",
      path: "/test",
      tags,
      summary: "Test the given settings without saving them",
      request: { body: jsonBody(schemas.input) },
      responses: { 200: jsonContent(kind.test.result, "The test passed"), ...errorResponses },
    }),
    async (c) => {
      const input = c.req.valid("json") as BaseInput & { id?: unknown };
      const previous = typeof input.id === "number" ? await kind.repository(c).get(input.id) : undefined;
      const checked = await parts.validated(c, input, previous);
      return c.json((await parts.test(c, input, checked)) as object, 200);
    },
  );
  router.openapi(
    createRoute({
      method: "post",
      path: "/testall",
      tags,
      summary: `Test every saved ${kind.noun.title.toLowerCase()}`,
      responses: { 200: jsonContent(testAllSchema, "One result per provider"), ...errorResponses },
    }),
    async (c) => {
      const rows = await kind.repository(c).listById();
      return c.json(await Promise.all(rows.map((row) => testSaved(c, kind, row))), 200);
    },
  );
}

/** `testall`'s result for one saved provider. */
async function testSaved(c: Context<AppEnv>, kind: AnyKind, row: StoredProvider) {
  const definition = kind.registry.get(row.implementation);
  try {
    const settings = await openSettings(c.env, row.settings, definition.secretFields);
    await kind.test.run(c, definition, settings, { ...row });
    return { id: row.id, isValid: true, validationFailures: [] };
  } catch (error) {
    return { id: row.id, isValid: false, validationFailures: kind.test.validationFailures(error, row) };
  }
}

function registerWrites(router: Router, kind: AnyKind, schemas: Schemas, parts: Parts) {
  const tags = [kind.tag];
  router.openapi(
    createRoute({
      method: "post",
      path: "/",
      tags,
      summary: `Add ${kind.noun.indefinite.toLowerCase()} (tested first unless forceSave=true or nothing would use it)`,
      request: { query: forceSaveQuery, body: jsonBody(schemas.input) },
      responses: { 201: jsonContent(schemas.resource, "Created"), ...errorResponses },
    }),
    async (c) => {
      const input = c.req.valid("json") as BaseInput;
      const checked = await parts.validated(c, input);
      if (kind.test.onSave(input) && !c.req.valid("query").forceSave) await parts.test(c, input, checked);
      return c.json(parts.resource(await kind.repository(c).insert(checked.values)), 201);
    },
  );
  router.openapi(
    createRoute({
      method: "put",
      path: "/{id}",
      tags,
      summary: `Update ${kind.noun.indefinite.toLowerCase()} (tested first unless forceSave=true); secrets sent back masked keep their value`,
      request: { params: idParamSchema, query: forceSaveQuery, body: jsonBody(schemas.input) },
      responses: { 202: jsonContent(schemas.resource, "Updated"), ...errorResponses },
    }),
    async (c) => {
      const previous = await parts.get(c, c.req.valid("param").id);
      const input = c.req.valid("json") as BaseInput;
      const checked = await parts.validated(c, input, previous);
      if (kind.test.onSave(input) && !c.req.valid("query").forceSave) await parts.test(c, input, checked);
      const row = await kind.repository(c).update(previous.id, checked.values);
      if (!row) throw resourceNotFound(`${kind.noun.title} ${previous.id}`);
      return c.json(parts.resource(row), 202);
    },
  );
  router.openapi(
    createRoute({
      method: "delete",
      path: "/{id}",
      tags,
      request: { params: idParamSchema },
      responses: { 200: jsonContent(z.object({}), "Deleted"), ...errorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      if (!(await kind.repository(c).remove(id))) throw resourceNotFound(`${kind.noun.title} ${id}`);
      return c.json({}, 200);
    },
  );
}
