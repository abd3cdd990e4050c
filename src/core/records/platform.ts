// The platforms a record belongs to.
import { z } from 'zod';

export const PLATFORMS = ['discord', 'telegram', 'console'] as const;
export const platformSchema = z.enum(PLATFORMS);
export type Platform = z.infer<typeof platformSchema>;
