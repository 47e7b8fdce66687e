import { ApiError } from "../api";
import { inWords } from "./format";

/** A field's path as a person reads it: "body.fields.baseUrl" → "Base url", "query.yearFrom" → "Year from". */
function fieldInWords(path: string): string {
  const last = path
    .replace(/^(body|query|param)\./, "")
    .replace(/^fields\./, "")
    .split(".");
  const name = last.filter((part) => !/^\d+$/.test(part)).pop() ?? path;
  return inWords(name);
}

/**
 * An error from the API as a user can act on it: the message, then each field's complaint. A
 * validation failure ("Validation failed: body.name: …") is said in words instead: which values
 * to change and why, each by its name.
 */
export function ErrorMessage({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const fields = error instanceof ApiError ? error.errors : [];
  const validation = fields.length > 0 && /^Validation failed/.test(message);
  return (
    <div class="error" role="alert">
      <p>{validation ? "Please change what is marked:" : message}</p>
      {(validation || fields.length > 1) && (
        <ul>
          {fields.map((f) => (
            <li key={f.path}>
              {fieldInWords(f.path)}: {f.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
