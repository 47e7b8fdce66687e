export function startSimulator(options?: { port?: number }): Promise<{ url: string; stop: () => Promise<void> }>;
export function simulatorVars(simUrl: string): Record<string, string>;
