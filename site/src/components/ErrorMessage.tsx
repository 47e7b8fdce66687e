import { ApiError } from "../api";

/** An error from the API as a user can act on it: the message, then each field's complaint. */
export function ErrorMessage({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const fields = error instanceof ApiError ? error.errors : [];
  return (
    <div class="error" role="alert">
      <p>{message}</p>
      {fields.length > 1 && (
        <ul>
          {fields.map((f) => (
            <li key={f.path}>
              <code>{f.path.replace(/^(body|query)\./, "")}</code>: {f.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
