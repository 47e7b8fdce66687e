import type { ProviderDefinition } from "./definition";

/**
 * Every implementation of one kind, in the order `/schema` lists them. The db enum of the
 * kind's implementation column and the site's pickers derive from it: adding an implementation
 * is its folder plus one line in the kind's registry.
 */
export interface ProviderRegistry<Definition extends ProviderDefinition> {
  readonly definitions: readonly Definition[];
  /** The implementation names, as a tuple for z.enum. */
  readonly implementations: readonly [Definition["implementation"], ...Definition["implementation"][]];
  /** The implementation a request names, in any letter case. */
  find(name: string): Definition | undefined;
  /** The implementation a stored row names (an unknown one is a corrupt row). */
  get(implementation: string): Definition;
}

export function providerRegistry<const Definitions extends readonly [ProviderDefinition, ...ProviderDefinition[]]>(
  definitions: Definitions,
): ProviderRegistry<Definitions[number]> {
  type Definition = Definitions[number];
  const byName = new Map<string, Definition>(definitions.map((d) => [d.implementation.toLowerCase(), d]));
  const find = (name: string) => byName.get(name.toLowerCase());
  return {
    definitions,
    implementations: definitions.map(
      (d) => d.implementation,
    ) as unknown as ProviderRegistry<Definition>["implementations"],
    find,
    get(implementation) {
      const found = find(implementation);
      if (!found) throw new Error(`Unknown implementation ${implementation}`);
      return found;
    },
  };
}

/** The implementation names of a registry, as a type (for the db column). */
export type ImplementationOf<Registry> = Registry extends ProviderRegistry<infer D> ? D["implementation"] : never;
