// Discord's own words for where personal messages go (message ids; the core asks the actor for them).
import type { PlatformWording } from '../../delivery/platform-adapter.ts';

export const DISCORD_WORDING: PlatformWording = {
  privatePlace: 'wording-discord-private-place',
  reachPrivately: 'wording-discord-reach-privately',
  linkElsewhere: 'wording-discord-link-elsewhere',
};
