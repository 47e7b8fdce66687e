import { render } from "preact";

render(<h1>Radarr Edge</h1>, document.getElementById("app") as HTMLElement);
