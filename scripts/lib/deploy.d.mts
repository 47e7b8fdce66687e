export interface WranglerResult {
  code: number;
  stdout: string;
}
export interface Wiring {
  secrets: string[];
  queues: string[];
  database?: string;
}
export const FREE_LIMIT_BYTES: number;
export const PAID_LIMIT_BYTES: number;
export function readWiring(tomlText: string): Wiring;
export function readWiringFile(path: string): Wiring;
export function deploy(options: {
  run: (args: string[]) => Promise<WranglerResult>;
  wiring: Wiring;
  log?: (line: string) => void;
}): Promise<number>;
export function judgeBundle(gzipBytes: number): { code: number; lines: string[] };
