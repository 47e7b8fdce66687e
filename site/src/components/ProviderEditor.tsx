import { useSignal } from "@preact/signals";
import type { ComponentChildren } from "preact";
import type { ProviderInput, ProviderResource, ProviderSaveOptions } from "../api";
import { ConfirmButton } from "./ConfirmButton";
import { ErrorMessage } from "./ErrorMessage";
import { FieldError, invalidProps, problemAt } from "./FieldError";
import { checkProviderForm } from "./providerFormProblems";
import { NameField, SettingFields } from "./SettingFields";

/** The body the provider APIs take: the resource as edited, its fields as `{name, value}`. */
function providerInput<T extends ProviderResource>(resource: T): ProviderInput<T> {
  const { implementationName: _shown, fields, ...rest } = resource;
  return { ...rest, fields: fields.map(({ name, value }) => ({ name, value })) } as ProviderInput<T>;
}

/** The calls an editor needs from `api.indexers`, `api.downloadClients` or `api.notifications`. */
export interface ProviderCalls<T extends ProviderResource, TestResult> {
  add: (resource: ProviderInput<T>, options?: ProviderSaveOptions) => Promise<T>;
  update: (id: number, resource: ProviderInput<T>, options?: ProviderSaveOptions) => Promise<T>;
  /** A save runs the test first and is refused when it fails; "Save anyway" forces it. */
  testsOnSave?: boolean;
  remove: (id: number) => Promise<unknown>;
  test: (resource: ProviderInput<T>) => Promise<TestResult>;
}

/** What the kind-specific part of the form gets: the draft, a way to change it, the server's complaints. */
export interface OptionsProps<T> {
  draft: T;
  change: (patch: Partial<T>) => void;
  /** The server's complaint about a top-level property (`priority`, `enable`…). */
  problem: (name: string) => string | undefined;
  idPrefix: string;
}

interface Props<T extends ProviderResource, TestResult> {
  /** A saved resource, or a schema template for a new one. */
  initial: T;
  /** "indexer", "download client", "notification". */
  noun: string;
  calls: ProviderCalls<T, TestResult>;
  /** The options every resource of this kind has (enable toggles, priority, events). */
  options: (props: OptionsProps<T>) => ComponentChildren;
  /** What a passed test found, e.g. "qBittorrent v4.6.7". */
  describeTest: (result: TestResult) => string;
  onSaved: (resource: T) => void;
  onDeleted: () => void;
  onCancel: () => void;
}

/**
 * A provider's settings (Radarr's provider shape): name, the implementation's own fields rendered
 * from the schema, and the kind's options. Secrets arrive masked and are sent back masked unless
 * typed over, so the server keeps the stored value. Test tries the settings without saving. Checked
 * here (name, addresses, ports), then by the server: both's complaints show at the fields they name.
 */
export function ProviderEditor<T extends ProviderResource, TestResult>({
  initial,
  noun,
  calls,
  options,
  describeTest,
  onSaved,
  onDeleted,
  onCancel,
}: Props<T, TestResult>) {
  const { error, busy, tested, saveRefused, run } = useEditorRun();
  const { resource, change, setField } = useDraft(initial, () => {
    tested.value = undefined;
  });
  // A template's id is 0 (as in Radarr): not saved yet.
  const isNew = !initial.id;
  const kind = initial.implementationName ?? initial.implementation;
  const idPrefix = `${noun.replace(/\W+/g, "-")}-${initial.id || "new"}`;
  const title = isNew ? `New ${kind} ${noun}` : `Edit ${initial.name}`;

  const problem = (name: string) => problemAt(error.value, `body.${name}`);

  const { store, save, test, remove } = useProviderActions({
    initial,
    resource,
    noun,
    calls,
    run,
    onTested: (result) => {
      tested.value = describeTest(result);
    },
    onSaved,
    onDeleted,
  });

  return (
    <form class="editor provider-editor" aria-label={title} noValidate onSubmit={save}>
      <h2>{title}</h2>
      <HelpLink href={initial.infoLink} kind={kind} />
      <NameField
        idPrefix={idPrefix}
        value={resource.name}
        problem={problem("name")}
        onInput={(name) => change({ name } as Partial<T>)}
      />

      <SettingFields
        legend={kind}
        noun={noun}
        fields={resource.fields}
        idPrefix={idPrefix}
        error={error.value}
        setField={setField}
      />

      <fieldset class="editor-section">
        <legend>Options</legend>
        {options({ draft: resource, change, problem, idPrefix })}
      </fieldset>

      <EditorFooter
        noun={noun}
        error={error.value}
        tested={tested.value}
        busy={busy.value}
        name={isNew ? undefined : initial.name}
        canForce={!!calls.testsOnSave && saveRefused.value}
        onTest={test}
        onForce={() => store({ forceSave: true })}
        onCancel={onCancel}
        onRemove={remove}
      />
    </form>
  );
}

/** The definition's help page for this kind (Radarr's wiki page, or the service's own docs). */
function HelpLink({ href, kind }: { href?: string; kind: string }) {
  if (!href) return null;
  return (
    <p class="hint">
      <a href={href} target="_blank" rel="noreferrer">
        How to set up {kind}
      </a>
    </p>
  );
}

/** Saving (optionally forced past a failing test), testing and deleting the edited provider. */
function useProviderActions<T extends ProviderResource, TestResult>({
  initial,
  resource,
  noun,
  calls,
  run,
  onTested,
  onSaved,
  onDeleted,
}: {
  initial: T;
  resource: T;
  noun: string;
  calls: ProviderCalls<T, TestResult>;
  run: (action: Exclude<Busy, "">, work: () => Promise<void>) => Promise<void>;
  onTested: (result: TestResult) => void;
  onSaved: (resource: T) => void;
  onDeleted: () => void;
}) {
  const store = (options?: ProviderSaveOptions) =>
    run("saving", async () => {
      checkProviderForm(resource, noun);
      const input = providerInput(resource);
      const saved = initial.id ? await calls.update(initial.id, input, options) : await calls.add(input, options);
      onSaved(saved);
    });
  const save = (event: Event) => {
    event.preventDefault();
    void store();
  };
  const test = () =>
    run("testing", async () => {
      checkProviderForm(resource, noun);
      onTested(await calls.test(providerInput({ ...resource, id: initial.id })));
    });
  const remove = () =>
    run("deleting", async () => {
      await calls.remove(initial.id as number);
      onDeleted();
    });
  return { store, save, test, remove };
}

/** The provider as edited; `onChange` runs on every change (a test result no longer holds). */
function useDraft<T extends ProviderResource>(initial: T, onChange: () => void) {
  const draft = useSignal(initial);
  const resource = draft.value;
  const change = (patch: Partial<T>) => {
    draft.value = { ...draft.value, ...patch };
    onChange();
  };
  const setField = (name: string, value: unknown) =>
    change({ fields: resource.fields.map((f) => (f.name === name ? { ...f, value } : f)) } as Partial<T>);
  return { resource, change, setField };
}

type Busy = "" | "saving" | "testing" | "deleting";

/** The editor's busy state, last failure and test result, and `run` which does an action under them. */
function useEditorRun() {
  const error = useSignal<unknown>(undefined);
  const busy = useSignal<Busy>("");
  const tested = useSignal<string | undefined>(undefined);
  // Set when a save was refused: the test may have failed on an address that is down for now.
  const saveRefused = useSignal(false);

  const run = async (action: "saving" | "testing" | "deleting", work: () => Promise<void>) => {
    busy.value = action;
    error.value = undefined;
    tested.value = undefined;
    saveRefused.value = false;
    try {
      await work();
    } catch (e) {
      error.value = e;
      saveRefused.value = action === "saving";
    } finally {
      busy.value = "";
    }
  };
  return { error, busy, tested, saveRefused, run };
}

/** The editor's failure, test result and buttons. */
function EditorFooter(props: {
  noun: string;
  error: unknown;
  tested: string | undefined;
  busy: Busy;
  /** A saved provider's name, offered for deletion. */
  name: string | undefined;
  canForce: boolean;
  onTest: () => void;
  onForce: () => void;
  onCancel: () => void;
  onRemove: () => void;
}) {
  const { noun, error, tested, busy, name, canForce, onTest, onForce, onCancel, onRemove } = props;
  return (
    <>
      <ErrorMessage error={error} />
      {tested !== undefined && (
        <p role="status" class="test-result">
          <span class="badge ok">Test passed</span> {tested}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy !== ""}>
          {busy === "saving" ? "Saving…" : `Save ${noun}`}
        </button>
        <button type="button" disabled={busy !== ""} onClick={onTest}>
          {busy === "testing" ? "Testing…" : "Test"}
        </button>
        {canForce && (
          <button type="button" disabled={busy !== ""} onClick={onForce}>
            Save anyway (skip the test)
          </button>
        )}
        <button type="button" class="ghost" onClick={onCancel}>
          Cancel
        </button>
        {name !== undefined && (
          <ConfirmButton
            label="Delete"
            description={`Delete ${noun} ${name}`}
            busy={busy === "deleting"}
            onConfirm={onRemove}
          />
        )}
      </div>
    </>
  );
}

/** A checkbox for one boolean option of a provider. */
export function OptionCheck({
  label,
  checked,
  onChange,
  help,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  help?: string;
}) {
  return (
    <div class="field">
      <label class="check">
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} />
        {label}
      </label>
      {help && <small class="field-help">{help}</small>}
    </div>
  );
}

/** Boolean options of a provider (`name` its property), a checkbox each. */
export function OptionChecks<T>({
  options,
  draft,
  change,
}: {
  options: { name: keyof T & string; label: string; help?: string }[];
  draft: T;
  change: (patch: Partial<T>) => void;
}) {
  return (
    <>
      {options.map(({ name, label, help }) => (
        <OptionCheck
          key={name}
          label={label}
          checked={draft[name] === true}
          onChange={(checked) => change({ [name]: checked } as Partial<T>)}
          help={help}
        />
      ))}
    </>
  );
}

/** The priority every indexer and download client has: 1 first, 50 last. */
export function PriorityInput({
  id,
  value,
  problem,
  onChange,
  help,
}: {
  id: string;
  value: number;
  problem: string | undefined;
  onChange: (value: number) => void;
  help: string;
}) {
  return (
    <div class="field">
      <label for={id}>Priority</label>
      <input
        id={id}
        class="priority-input"
        type="number"
        step="1"
        value={Number.isFinite(value) ? String(value) : ""}
        onInput={(e) => onChange(e.currentTarget.valueAsNumber)}
        {...invalidProps(`${id}-error`, problem)}
      />
      <small class="field-help">{help}</small>
      <FieldError id={`${id}-error`} message={problem} />
    </div>
  );
}
