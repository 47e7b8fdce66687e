export function startSimulator(options?: {
  port?: number;
  clock?: { SIM_NOW: string; SIM_CLOCK_START: string };
}): Promise<{ url: string; stop: () => Promise<void> }>;
export function simulatorVars(simUrl: string): Record<string, string>;
