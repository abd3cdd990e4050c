// What every REST route module gets: the world, the interaction hub, event publishing and counters.
import type { InteractionHub } from './interactions.ts';
import type { MessageEvents } from './message-events.ts';
import type { World } from './world.ts';

export interface RouteContext {
  world: World;
  hub: InteractionHub;
  events: MessageEvents;
  /** Mutable counters shared with the emulator's `stats`. */
  counters: { sent: number };
  /** The shard count GET /gateway/bot recommends. */
  recommendedShards: number;
  /** ws:// URL of the gateway, as returned by GET /gateway/bot. */
  gatewayUrl(): string;
  /** http:// origin of the server, for attachment URLs. */
  origin(): string;
}
