import { useSignal } from "@preact/signals";

interface Props {
  /** The button's text, e.g. "Delete". */
  label: string;
  /** What the action is, for screen readers and the question: "Delete profile HD-1080p". */
  description: string;
  busy?: boolean;
  onConfirm: () => void;
}

/** A destructive action that asks once more in place before it runs. */
export function ConfirmButton({ label, description, busy = false, onConfirm }: Props) {
  const asking = useSignal(false);
  if (!asking.value) {
    return (
      <button
        type="button"
        class="ghost"
        aria-label={description}
        onClick={() => {
          asking.value = true;
        }}
      >
        {label}
      </button>
    );
  }
  return (
    <span class="confirm">
      <span>{description}?</span>
      <button
        type="button"
        class="danger"
        disabled={busy}
        onClick={() => {
          asking.value = false;
          onConfirm();
        }}
      >
        Yes, {label.toLowerCase()}
      </button>
      <button
        type="button"
        class="ghost"
        onClick={() => {
          asking.value = false;
        }}
      >
        Cancel
      </button>
    </span>
  );
}
