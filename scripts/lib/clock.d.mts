export const DEFAULT_TEST_NOW: string;
export const TEST_DATES: string[];
export function testNow(): string;
export function testClockStart(): string;
export function clockVars(): { SIM_NOW: string; SIM_CLOCK_START: string };
export function testClockNow(): number;
