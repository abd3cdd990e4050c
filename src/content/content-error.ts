// A problem found in a content file, located by file, line and field path.
export interface ContentError {
  /** Empty for problems that belong to no file (the content folder itself is missing). */
  file: string;
  line?: number;
  /** Dotted field path such as `questions.2.choices`; empty for whole-file problems. */
  path: string;
  message: string;
}

/** `content/a.md:12 → questions.2.choices: needs exactly one correct choice, found 2` */
export function formatContentError(error: ContentError): string {
  if (!error.file) return error.message;
  const where = error.line === undefined ? error.file : `${error.file}:${error.line}`;
  return error.path ? `${where} → ${error.path}: ${error.message}` : `${where} → ${error.message}`;
}
