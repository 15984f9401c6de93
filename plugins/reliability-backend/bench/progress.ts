/** Progress goes to stderr, so stdout carries only the report. */
export const progress = (message: string) =>
  process.stderr.write(
    `[bench] ${message} (rss ${Math.round(
      process.memoryUsage().rss / 1048576,
    )} MB)\n`,
  );
