import { type Signal, useSignal } from "@preact/signals";
import { api, type RadarrMigration } from "../api";
import { ErrorMessage } from "../components/ErrorMessage";
import { FieldError, invalidProps, problemAt } from "../components/FieldError";
import { SettingsNav } from "../components/SettingsNav";
import { useResource } from "../components/useResource";

type Report = NonNullable<RadarrMigration["report"]>;
type Secret = Report["secrets"][number];

const secretKey = (s: Secret) => `${s.resource}/${s.name}/${s.field}`;
const finished = (m: RadarrMigration | undefined) => m?.status === "completed" || m?.status === "failed";

/** The Radarr to copy from as typed, the secrets typed for a re-run, and the migration started last (polled until it ends). */
function useRadarrMigration() {
  const url = useSignal("");
  const apiKey = useSignal("");
  const typedSecrets = useSignal<Record<string, Secret & { value: string }>>({});
  const migrationId = useSignal<number | undefined>(undefined);
  const startError = useSignal<unknown>(undefined);
  const starting = useSignal(false);
  const id = migrationId.value;
  const migration = useResource(id === undefined ? undefined : (signal) => api.radarrMigration.get(id, signal), [id], {
    everyMs: 1000,
  });
  const current = migration.data.value;
  const running = id !== undefined && !finished(current);

  const start = async (event: Event) => {
    event.preventDefault();
    starting.value = true;
    startError.value = undefined;
    try {
      const secrets = Object.values(typedSecrets.value).filter((secret) => secret.value.trim() !== "");
      const started = await api.radarrMigration.start({ url: url.value, apiKey: apiKey.value, secrets });
      migration.data.value = started;
      migrationId.value = started.id;
    } catch (e) {
      startError.value = e;
    } finally {
      starting.value = false;
    }
  };
  return { url, apiKey, typedSecrets, id, migration, current, running, start, startError, starting };
}

/** Settings › Migrate from Radarr: copy a running Radarr here, watch it, read what came over and what did not. */
export function MigrateRadarr() {
  const { url, apiKey, typedSecrets, id, migration, current, running, start, startError, starting } =
    useRadarrMigration();
  return (
    <section class="page settings">
      <SettingsNav />
      <h1>Migrate from Radarr</h1>
      <p class="hint">
        Copies a running Radarr's movies, quality profiles and definitions, custom formats, tags, root folders,
        exclusions, indexers, download clients, import lists and naming here. Running it again adds nothing twice.
      </p>
      <form onSubmit={start} aria-label="Radarr to migrate from">
        <TextField
          id="radarr-url"
          label="Radarr URL"
          type="url"
          placeholder="http://radarr:7878"
          value={url}
          problem={problemAt(startError.value, "body.url")}
        />
        <TextField
          id="radarr-key"
          label="Radarr API key (Settings › General › Security)"
          type="password"
          value={apiKey}
          problem={problemAt(startError.value, "body.apiKey")}
        />
        <ErrorMessage error={startError.value} />
        <div class="actions">
          <button type="submit" class="primary" disabled={starting.value || running || !url.value || !apiKey.value}>
            {starting.value ? "Connecting…" : running ? "Migrating…" : id === undefined ? "Migrate" : "Run again"}
          </button>
        </div>
        {current?.report && current.report.secrets.length > 0 && (
          <SecretInputs
            secrets={current.report.secrets}
            typed={typedSecrets.value}
            onType={(secret, value) => {
              typedSecrets.value = { ...typedSecrets.value, [secretKey(secret)]: { ...secret, value } };
            }}
          />
        )}
      </form>
      <ErrorMessage error={migration.error.value} />
      {current && <MigrationProgress migration={current} />}
    </section>
  );
}

/** One labelled input bound to a signal, with its field problem beside it. */
function TextField(props: {
  id: string;
  label: string;
  type: "url" | "password";
  placeholder?: string;
  value: Signal<string>;
  problem: string | undefined;
}) {
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type={props.type}
        placeholder={props.placeholder}
        autocomplete={props.type === "password" ? "off" : undefined}
        value={props.value.value}
        onInput={(e) => {
          props.value.value = e.currentTarget.value;
        }}
        {...invalidProps(props.id, props.problem)}
      />
      <FieldError id={props.id} message={props.problem} />
    </>
  );
}

/** The secrets Radarr masks, one input each; the next run uses what is typed. */
function SecretInputs(props: {
  secrets: Secret[];
  typed: Record<string, { value: string }>;
  onType: (secret: Secret, value: string) => void;
}) {
  return (
    <fieldset aria-label="Secrets to re-enter">
      <legend>Secrets to re-enter</legend>
      <p class="hint">Radarr does not give these out. Type them and run again; what was copied stays as it is.</p>
      {props.secrets.map((secret) => {
        const key = secretKey(secret);
        const inputId = `secret-${key.replace(/[^a-z0-9]+/gi, "-")}`;
        return (
          <div key={key}>
            <label for={inputId}>
              {secret.resource} “{secret.name}”: {secret.field}
            </label>
            <input
              id={inputId}
              type="password"
              autocomplete="off"
              value={props.typed[key]?.value ?? ""}
              onInput={(e) => props.onType(secret, e.currentTarget.value)}
            />
          </div>
        );
      })}
    </fieldset>
  );
}

/** Where a migration is, and once it ends, its report. */
function MigrationProgress({ migration }: { migration: RadarrMigration }) {
  const report = migration.report;
  return (
    <section aria-label="Migration report">
      <h2>
        Migration {migration.id}: {migration.status}
      </h2>
      {migration.message && <p role="status">{migration.message}</p>}
      {report && (
        <>
          <table class="plain">
            <thead>
              <tr>
                <th>What</th>
                <th>Copied</th>
                <th>Updated</th>
                <th>Skipped</th>
                <th>Failed</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(report.counts).map(([resource, c]) => (
                <tr key={resource}>
                  <td>{resource}</td>
                  <td>{c.copied}</td>
                  <td>{c.updated}</td>
                  <td>{c.skipped}</td>
                  <td>{c.failed}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Notes</h3>
          <ul>
            {report.items
              .filter((item) => item.reason)
              .map((item) => (
                <li key={`${item.resource}/${item.name}`}>
                  {item.outcome} {item.resource} “{item.name}”: {item.reason}
                </li>
              ))}
            {report.stepFailures.map((f) => (
              <li key={f.step}>
                {f.step} could not be read: {f.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
