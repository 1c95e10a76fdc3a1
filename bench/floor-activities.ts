/**
 * The activities of the engine floors in bare-workflows.ts: they do nothing but count, so a
 * floor measures Temporal carrying Koers's shape of work and none of the work itself.
 */
export const floorCounts = { stepsStored: 0 };

export const floorActivities = {
  async storeStep(): Promise<void> {
    floorCounts.stepsStored++;
  },
  async sendMail(): Promise<void> {},
};

export type FloorActivities = typeof floorActivities;
