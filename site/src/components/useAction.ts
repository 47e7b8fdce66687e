import { useSignal } from "@preact/signals";

/**
 * A component's one-at-a-time action (a button's work): `act(work)` marks it busy, clears the
 * last note and error, runs `work`, shows the note it returns or keeps the error it throws, and
 * then calls `after` (e.g. a list's reload) either way.
 */
export function useAction(after?: () => void) {
  const busy = useSignal(false);
  const note = useSignal<string | undefined>(undefined);
  const error = useSignal<unknown>(undefined);
  const act = async (work: () => Promise<string | undefined>) => {
    busy.value = true;
    error.value = undefined;
    note.value = undefined;
    try {
      note.value = await work();
    } catch (e) {
      error.value = e;
      note.value = undefined;
    }
    busy.value = false;
    after?.();
  };
  return { busy, note, error, act };
}
