// How often each choice of a question was picked: the counters answer statistics are made of.

/** Answers to one version of one question of an article that picked one choice (its index in the article). */
export interface ChoicePicks {
  /** The question's version (see question-version.ts). */
  version: string;
  choice: number;
  picks: number;
}

/** One question a person has answered (in a quiz, not a review), by its version. */
export interface AnsweredQuestion {
  articleId: string;
  version: string;
}
