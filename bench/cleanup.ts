// What a bench started (databases, builds, child processes, clusters) is undone in reverse order at
// the end, whether it finished, failed or was interrupted (Ctrl-C, SIGTERM).
type Step = () => Promise<void> | void;

const steps: Step[] = [];

export function onCleanUp(step: Step): void {
  steps.push(step);
}

async function cleanUp(): Promise<void> {
  while (steps.length) {
    try {
      await steps.pop()!();
    } catch (error) {
      console.error('clean-up step failed:', error);
    }
  }
}

/** Runs the bench; a failure is printed and sets the exit code, and the clean-up runs either way. */
export async function runBench(main: () => Promise<void>): Promise<void> {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: cleaning up`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
  try {
    await main();
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  } finally {
    await cleanUp();
  }
}
