import { useEffect } from "preact/hooks";

/**
 * Gives every cell of the plain tables inside the element `id` a `data-label`: its column's
 * header text. On a narrow screen the stylesheet stacks each row as "label: value" lines from
 * it, so no table needs its own phone layout. Cells spanning columns (a row's inline form)
 * get none and fill the row.
 */
export function useStackedTableLabels(id: string) {
  useEffect(() => {
    const root = document.getElementById(id);
    if (!root) return;
    let frame = 0;
    const label = () => {
      frame = 0;
      for (const table of root.querySelectorAll<HTMLTableElement>("table.plain")) labelTable(table);
    };
    const observer = new MutationObserver(() => {
      if (!frame) frame = requestAnimationFrame(label);
    });
    observer.observe(root, { childList: true, subtree: true });
    label();
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  }, [id]);
}

function labelTable(table: HTMLTableElement) {
  const headerRow = table.tHead?.rows[0];
  if (!headerRow) return;
  // A header only screen readers see ("Actions" over the buttons) labels nothing on screen either.
  const labels = [...headerRow.cells].map((th) =>
    th.querySelector(".visually-hidden")?.textContent === th.textContent ? "" : (th.textContent?.trim() ?? ""),
  );
  for (const body of table.tBodies) {
    for (const row of body.rows) {
      let column = 0;
      for (const cell of row.cells) {
        const text = cell.colSpan === 1 ? labels[column] : undefined;
        if (text && cell.dataset.label !== text) cell.dataset.label = text;
        column += cell.colSpan;
      }
    }
  }
}
