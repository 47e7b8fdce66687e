/** A movie's check box in select mode; a shift-click (or shift+Space) chooses the range from the last one. */
export function SelectBox({
  title,
  checked,
  onToggle,
}: {
  title: string;
  checked: boolean;
  onToggle: (range: boolean) => void;
}) {
  return (
    <input
      type="checkbox"
      class="select-box"
      aria-label={`Select ${title}`}
      checked={checked}
      onClick={(e) => {
        e.preventDefault();
        onToggle(e.shiftKey);
      }}
    />
  );
}
