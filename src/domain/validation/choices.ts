import { z } from "zod";

/** One choice of a select field, as Radarr's provider schema lists it (`selectOptions`). */
export interface SelectOption<V extends string | number = string | number> {
  value: V;
  name: string;
}

/**
 * A setting with fixed choices: the options the schema shows the site (a select) and the zod
 * literal set the API validates against (an enum in the OpenAPI document), from one list.
 */
export function choiceSetting<const V extends string | number>(options: readonly SelectOption<V>[]) {
  const values = options.map((o) => o.value);
  // An enum keyed by the choices' names: the OpenAPI document then lists every value (a literal
  // set shows only its first), numbers as integers.
  const byName = Object.fromEntries(options.map((o) => [o.name, o.value])) as Record<string, V>;
  return z.enum(byName, { error: `must be one of ${values.map((v) => JSON.stringify(v)).join(", ")}` });
}

/**
 * A choice setting whose values are Radarr's integer codes (its SelectOption values are integers)
 * that still reads the names older versions stored and sent ("pause" for 2).
 */
export function codedChoiceSetting<const V extends number>(options: readonly (SelectOption<V> & { alias: string })[]) {
  const byAlias = new Map<unknown, V>(options.map((o) => [o.alias, o.value]));
  return z.preprocess((value) => byAlias.get(value) ?? value, choiceSetting(options));
}
