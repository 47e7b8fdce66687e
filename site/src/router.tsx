/**
 * History routing in one signal: the Worker answers every non-API path with index.html, so
 * plain paths like /movie/42 work on reload and in shared links.
 */
import { signal } from "@preact/signals";
import type { ComponentChildren, JSX } from "preact";

export const currentPath = signal(location.pathname);

window.addEventListener("popstate", () => {
  currentPath.value = location.pathname;
});

export function navigate(to: string, { replace = false } = {}) {
  if (replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  currentPath.value = location.pathname;
  window.scrollTo(0, 0);
}

type LinkProps = Omit<JSX.HTMLAttributes<HTMLAnchorElement>, "href"> & { href: string; children: ComponentChildren };

/** An ordinary link that navigates in place; modified clicks still open a new tab. */
export function Link({ href, children, ...rest }: LinkProps) {
  const onClick = (event: MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}
