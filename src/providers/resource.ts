import { z } from "@hono/zod-openapi";
import { zodFieldErrors } from "../api/middleware/errors";
import type { Env } from "../config";
import { Failure, invalidInput } from "../domain/failures/failure";
import { decryptSecret, isEncrypted, maskSettings, openSettings, unmaskSecret } from "../services/secrets";
import { fieldPrivacy, type ProviderDefinition, settingsDefaults } from "./definition";

// A provider's settings as the API shows and takes them: Radarr's `fields[{name, value, …}]`.

/** One settings field in a provider resource (Radarr's Field). */
export const providerFieldSchema = z.object({
  order: z.number().int(),
  name: z.string(),
  label: z.string(),
  value: z.unknown().optional(),
  type: z.string(),
  advanced: z.boolean(),
  privacy: z.enum(["normal", "password", "apiKey", "userName"]),
  helpText: z.string().optional(),
  unit: z.string().optional(),
  isFloat: z.boolean(),
  selectOptions: z
    .array(
      z.object({
        value: z.number().int(),
        name: z.string(),
        order: z.number().int(),
        dividerAfter: z.boolean(),
      }),
    )
    .optional(),
});

/** The fields a body sends: only name and value are read. */
export const providerFieldInputSchema = z.array(z.object({ name: z.string(), value: z.unknown().optional() }));

const defaultsCache = new WeakMap<ProviderDefinition, Record<string, unknown>>();

function defaultsOf(definition: ProviderDefinition): Record<string, unknown> {
  let defaults = defaultsCache.get(definition);
  if (!defaults) {
    defaults = settingsDefaults(definition);
    defaultsCache.set(definition, defaults);
  }
  return defaults;
}

/**
 * Stored settings as the schema reads them today: a select saved by an older version under its
 * name ("POST", "pause") shows as the code it means (1, 2), as the runtime client reads it. Only
 * select fields are read through (secrets are stored encrypted; other values are shown as saved).
 */
function currentSettings(definition: ProviderDefinition, stored: Record<string, unknown>) {
  const { settings: schema } = definition;
  if (!(schema instanceof z.ZodObject)) return stored;
  const shape = schema.shape as Record<string, z.ZodType>;
  const current = { ...stored };
  for (const f of definition.fields) {
    if (!f.selectOptions || current[f.name] === undefined || !shape[f.name]) continue;
    const parsed = shape[f.name].safeParse(current[f.name]);
    if (parsed.success) current[f.name] = parsed.data;
  }
  return current;
}

/**
 * The fields of stored settings, secrets masked: a value is the saved one (read as today's
 * schema reads it), else the field's own (what a new provider's form shows), else the schema's
 * default.
 */
export function fieldResources(definition: ProviderDefinition, stored: Record<string, unknown>) {
  const settings = maskSettings(currentSettings(definition, stored), definition.secretFields);
  const defaults = maskSettings(defaultsOf(definition), definition.secretFields);
  return definition.fields.map((f, order) => ({
    order,
    name: f.name,
    label: f.label,
    value: settings[f.name] ?? f.value ?? defaults[f.name],
    type: f.type,
    advanced: f.advanced ?? false,
    privacy: fieldPrivacy(f),
    isFloat: f.isFloat ?? false,
    ...(f.helpText ? { helpText: f.helpText } : {}),
    ...(f.unit ? { unit: f.unit } : {}),
    ...(f.selectOptions
      ? {
          selectOptions: f.selectOptions.map((o, index) => ({
            value: o.value,
            name: o.name,
            order: index,
            dividerAfter: false,
          })),
        }
      : {}),
  }));
}

/**
 * A secret this server sealed for a form (a Plex sign-in's token) as the plain value; one it
 * cannot open (another server's key, altered) is a 400 at the field.
 */
async function unsealed(env: Env, field: string, value: unknown): Promise<unknown> {
  if (!isEncrypted(value)) return value;
  try {
    return await decryptSecret(env, value);
  } catch {
    throw invalidInput(`body.fields.${field}`, "is a sealed value this server cannot open: sign in again or enter it");
  }
}

/** The fields of a body as settings: a secret sent back masked takes the saved provider's value. */
export async function givenSettings(
  env: Env,
  definition: ProviderDefinition,
  fields: z.infer<typeof providerFieldInputSchema>,
  previous?: { implementation: string; settings: Record<string, unknown> },
): Promise<Record<string, unknown>> {
  const given = Object.fromEntries(fields.map((f) => [f.name, f.value]));
  const saved =
    previous?.implementation === definition.implementation
      ? await openSettings(env, previous.settings, definition.secretFields)
      : {};
  for (const field of definition.secretFields)
    if (field in given) given[field] = await unsealed(env, field, unmaskSecret(given[field], saved[field]));
  for (const [field, value] of Object.entries(definition.environmentDefaults(env)))
    if (given[field] === undefined || given[field] === "") given[field] = value;
  return given;
}

/** Settings validated by the implementation's schema; a failure names each field (`body.fields.port`). */
export function parsedSettings(definition: ProviderDefinition, given: Record<string, unknown>) {
  const parsed = definition.settings.safeParse(given);
  if (parsed.success) return parsed.data as Record<string, unknown>;
  const errors = zodFieldErrors(parsed.error, "body.fields");
  throw new Failure("invalidInput", `Validation failed: ${errors[0].path}: ${errors[0].message}`, { fields: errors });
}
