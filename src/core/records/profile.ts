// A user's profile on one platform: name, time zone, articles read, rest and completed days.
import { z } from 'zod';
import { WEEKDAYS } from '../schedule-time.ts';

/** What 0.1 stored per user; its name, time zone and read articles carry over. */
const progressV1Schema = z.object({
  v: z.literal(1),
  name: z.string(),
  timezone: z.string().nullable(),
  articlesRead: z.array(z.string()),
});

/** Per user and platform: who they are and what they set; totals and streak days live with the answers. */
export const profileSchema = z.union([
  z.object({
    v: z.literal(2),
    name: z.string(),
    timezone: z.string().nullable(),
    articlesRead: z.array(z.string()),
    /** Weekdays that neither break nor extend the user's streak. */
    restDays: z.array(z.enum(WEEKDAYS)).default([]),
    /** Recent local days on which the user finished a quiz or a review (restores a streak). */
    completedDays: z.array(z.string()).default([]),
  }),
  progressV1Schema.transform(({ name, timezone, articlesRead }) => ({
    v: 2 as const,
    name,
    timezone,
    articlesRead,
    restDays: [] as (typeof WEEKDAYS)[number][],
    completedDays: [] as string[],
  })),
]);
export type Profile = z.infer<typeof profileSchema>;
