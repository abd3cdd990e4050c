// Phrases only a platform can say about itself, as message ids (src/i18n/locales/*/platforms.ftl); its
// adapter hands them to the core with the actor, which says them in the reader's language.

export interface PlatformWording {
  /** Where a message for one person goes, as "type it in …" ends: "a private chat with me". */
  privatePlace: string;
  /** How a person lets the bot's personal messages reach them again (a reminder that bounced). */
  reachPrivately: string;
  /** Where else a person can type a link code, as "type /link … on …" ends: "Discord". */
  linkElsewhere: string;
}

/** Said where the actor's platform gave no wording of its own. */
export const NEUTRAL_WORDING: PlatformWording = {
  privatePlace: 'wording-neutral-private-place',
  reachPrivately: 'wording-neutral-reach-privately',
  linkElsewhere: 'wording-neutral-link-elsewhere',
};
