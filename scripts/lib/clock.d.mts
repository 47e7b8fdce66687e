export const TEST_DATES: string[];
export function clockVars(): { SIM_NOW: string; SIM_CLOCK_START: string };
export function testClockNow(): number;
