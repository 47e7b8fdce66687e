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
export interface PagesWiring {
  project?: string;
  outputDir?: string;
  binding?: string;
  service?: string;
}
export const PAGES_DIR: string;
export function readPagesWiring(tomlText: string): PagesWiring;
export function readPagesWiringFile(path: string): PagesWiring;
export function pagesDeployPlan(pages: PagesWiring): string[][];
export function deployPages(options: {
  run: (args: string[]) => Promise<WranglerResult>;
  pages: PagesWiring;
  log?: (line: string) => void;
}): Promise<number>;
export function exec(
  command: string,
  args: string[],
  options?: { cwd?: string; quiet?: boolean },
): Promise<WranglerResult>;
export function wranglerAt(root: string): (args: string[], options?: { quiet?: boolean }) => Promise<WranglerResult>;
