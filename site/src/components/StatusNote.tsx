/** What a finished action says beside its buttons ("Saved", "Added list X"); nothing without a message. */
export function StatusNote({ message }: { message: string | false | undefined }) {
  if (!message) return null;
  return (
    <span role="status" class="saved">
      {message}
    </span>
  );
}
