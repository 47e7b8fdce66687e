import type { SelectOption } from "../validation/choices";

/**
 * One settings field of a provider (an indexer, a download client, a notification target, an
 * import list) as Radarr's FieldDefinitionAttribute declares it. Pure data, so the list sources in
 * the domain declare theirs with the same type the provider framework serves.
 */

/** How the site draws a field (Radarr's FieldType, the ones used here). */
type ProviderFieldType =
  | "textbox"
  | "textarea"
  | "password"
  | "number"
  | "checkbox"
  | "select"
  | "path"
  | "url"
  | "tag"
  | "keyValueList";

/** Radarr's PrivacyLevel: `password` and `apiKey` fields are stored encrypted and shown masked. */
export type FieldPrivacy = "normal" | "password" | "apiKey" | "userName";

export interface ProviderField {
  name: string;
  label: string;
  type: ProviderFieldType;
  helpText?: string;
  advanced?: boolean;
  /** Defaults to `password` for a password field, `normal` otherwise. */
  privacy?: FieldPrivacy;
  /** A select's choices (Radarr's SelectOption values are integers): the same list its settings schema takes. */
  selectOptions?: readonly SelectOption<number>[];
  /** A number field that takes fractions (Radarr's isFloat: a seed ratio). */
  isFloat?: boolean;
  /** The unit a number is in, shown beside it ("minutes"). */
  unit?: string;
  /** What the field shows when neither the saved settings nor the schema's default give a value. */
  value?: unknown;
}
