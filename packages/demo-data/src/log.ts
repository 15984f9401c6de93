// The seeder's output: every line starts with [demo-data], beside the portal's own log.
export const log = (message: string) => console.log(`[demo-data] ${message}`);
export const logError = (message: string) =>
  console.error(`[demo-data] ${message}`);

export const sleep = (ms: number) =>
  new Promise<void>(resolve => setTimeout(resolve, ms));
