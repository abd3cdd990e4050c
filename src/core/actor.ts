// Who acts and where: always taken from the platform event, never from a button payload.
import type { Platform } from './records.ts';

export type ChatKind = 'private' | 'group' | 'channel';

export interface Actor {
  platform: Platform;
  userId: string;
  /** Display name, as the platform shows it. */
  name: string;
  chatId: string;
  chatKind: ChatKind;
}
