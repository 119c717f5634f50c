/**
 * `convcheck targets | head -1`: once the reader has gone, a write to stdout fails with EPIPE. That is not an
 * error of the command (the reader took what it wanted), so the process ends quietly with the status it had,
 * instead of Node's unhandled-'error' stack trace.
 */
export function endQuietlyOnBrokenPipe(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}
