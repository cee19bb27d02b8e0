// Cleaning up what the forum no longer needs (expired sessions, old events, notifications, sent email),
// on a schedule. Features register their own tasks; this only runs them: each one on its own timer,
// one run at a time, failures logged and tried again at the next tick. Every instance runs the tasks:
// they are deletes of rows past a date, so running one twice, or on two instances at once, is harmless.
import fp from 'fastify-plugin';

export interface HousekeepingTask {
  /** Named in the log. */
  name: string;
  everyMs: number;
  /** Removes what is past its time at `now`; resolves with how many rows went. */
  run(now: Date): Promise<number>;
}

export interface Housekeeping {
  every(task: HousekeepingTask): void;
  /** Runs every task once now, in the order registered (tests). */
  runAll(now?: Date): Promise<Record<string, number>>;
}

declare module 'fastify' {
  interface FastifyInstance {
    housekeeping: Housekeeping;
  }
}

export const housekeepingPlugin = fp(
  async (app) => {
    const tasks: HousekeepingTask[] = [];
    const timers: NodeJS.Timeout[] = [];
    const running = new Set<string>();
    let closed = false;

    async function runTask(task: HousekeepingTask, now: Date): Promise<number> {
      if (running.has(task.name) || closed) return 0;
      running.add(task.name);
      try {
        const removed = await task.run(now);
        if (removed > 0) app.log.info({ task: task.name, removed }, 'housekeeping');
        return removed;
      } catch (error) {
        app.log.warn({ err: error, task: task.name }, 'housekeeping failed; will try again');
        return 0;
      } finally {
        running.delete(task.name);
      }
    }

    app.decorate('housekeeping', {
      every(task: HousekeepingTask) {
        tasks.push(task);
        const timer = setInterval(() => void runTask(task, new Date()), task.everyMs);
        timer.unref();
        timers.push(timer);
      },
      async runAll(now = new Date()) {
        const removed: Record<string, number> = {};
        for (const task of tasks) removed[task.name] = await runTask(task, now);
        return removed;
      },
    } satisfies Housekeeping);

    app.addHook('onClose', async () => {
      closed = true;
      for (const timer of timers) clearInterval(timer);
    });
  },
  { name: 'housekeeping' },
);
