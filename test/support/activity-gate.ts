/**
 * Holds one real activity's answer back until the test lets it go, so a test can make the other
 * side's news reach a workflow while that workflow's activity is still under way: a delay on the
 * real path, never a made-up result.
 */
import type { createActivities } from '../../activities';

type Activities = ReturnType<typeof createActivities>;

interface Hold {
  reached: () => void;
  release: Promise<void>;
}

export interface Held {
  /** Resolves once the activity has done its real work and waits to answer. */
  reached: Promise<void>;
  /** Lets the activity answer. */
  release(): void;
}

export class ActivityGate {
  private readonly holds = new Map<string, Hold>();

  /** The next run of `activity` for `journeyId` answers only once the test releases it. */
  hold(activity: keyof Activities, journeyId: string): Held {
    let reached!: () => void;
    let release!: () => void;
    const reachedPromise = new Promise<void>((resolve) => (reached = resolve));
    const releasePromise = new Promise<void>((resolve) => (release = resolve));
    this.holds.set(`${activity}/${journeyId}`, { reached, release: releasePromise });
    return { reached: reachedPromise, release };
  }

  /** The activities with the ones a test may hold wrapped: the real work first, then the wait. */
  wrap(activities: Activities): Activities {
    const wait = async (activity: keyof Activities, journeyId: string): Promise<void> => {
      const key = `${activity}/${journeyId}`;
      const hold = this.holds.get(key);
      if (!hold) return;
      this.holds.delete(key);
      hold.reached();
      await hold.release;
    };
    return {
      ...activities,
      async requestTrajectoryPlace(request) {
        const answer = await activities.requestTrajectoryPlace(request);
        await wait('requestTrajectoryPlace', request.journeyId);
        return answer;
      },
      async requestCohortPlace(request) {
        const answer = await activities.requestCohortPlace(request);
        await wait('requestCohortPlace', request.journeyId);
        return answer;
      },
    };
  }
}
