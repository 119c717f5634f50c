/**
 * Waiting on an ink app under test (ink-testing-library) for a condition, with a deadline — never a fixed sleep.
 * A loaded machine only makes the wait longer; a frame that never comes fails with the last frame shown.
 */
const POLL_MS = 5;
export const FRAME_DEADLINE_MS = 20_000;

const later = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/** Let already scheduled work run (React's passive effects attach input handlers just after a commit). */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
};

/** Poll until `ok()` holds or the deadline passes (then throw `what`). */
export async function waitFor(ok: () => boolean, what: string, deadlineMs = FRAME_DEADLINE_MS): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out after ${deadlineMs} ms waiting for ${what}`);
    await later(POLL_MS);
  }
  await settle();
}

/** The first frame for which `predicate` holds. */
export async function waitForFrame(
  lastFrame: () => string | undefined,
  predicate: (frame: string) => boolean,
  deadlineMs = FRAME_DEADLINE_MS,
): Promise<string> {
  try {
    await waitFor(() => predicate(lastFrame() ?? ''), 'a frame', deadlineMs);
  } catch (e) {
    throw new Error(`${(e as Error).message}; the last frame was:\n${lastFrame() ?? '(none)'}`);
  }
  return lastFrame() ?? '';
}

/** A frame matching `re`, or one no longer matching it with `{ absent: true }`. */
export const matching =
  (re: RegExp, options: { absent?: boolean } = {}) =>
  (frame: string): boolean =>
    re.test(frame) !== Boolean(options.absent);

interface AppUnderTest {
  lastFrame: () => string | undefined;
  stdin: { write(s: string): void; listenerCount(event: string): number };
}

/** Wait until the app reads keys (ink attaches its stdin listener in an effect after the first frame). */
export async function waitForInput(app: AppUnderTest): Promise<void> {
  await waitFor(() => app.stdin.listenerCount('readable') > 0, 'the app to read keys');
}

/** Press one key and wait for the frame it should produce (default: any change of the frame). */
export async function press(app: AppUnderTest, key: string, until?: (frame: string) => boolean): Promise<string> {
  const before = app.lastFrame();
  app.stdin.write(key);
  return waitForFrame(app.lastFrame, until ?? ((frame) => frame !== before));
}
