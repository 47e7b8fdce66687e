import { runListBench } from "./lists.mjs";

console.log(JSON.stringify(await runListBench(), null, 1));
