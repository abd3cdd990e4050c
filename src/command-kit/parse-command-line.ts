// Recognises a typed command line: `/name args` or `/name@botname args`.

export interface CommandLine {
  name: string;
  args: string;
  /** The bot the command was addressed to (`/quiz@newsquiz_bot`), if any. */
  addressee?: string;
}

export function parseCommandLine(text: string): CommandLine | undefined {
  const match = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{3,64}))?(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!match) return undefined;
  const line: CommandLine = { name: (match[1] ?? '').toLowerCase(), args: (match[3] ?? '').trim() };
  if (match[2]) line.addressee = match[2];
  return line;
}
