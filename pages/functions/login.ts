// /login on Pages is the Worker's (../forward.ts).
export { forwardToWorker as onRequest } from "../forward";
