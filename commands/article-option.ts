// The shared `article` option: an id or words of a title; empty means the newest article (or, as the
// command says, the newest of some kind).
import { z } from '../src/command-kit/define-command.ts';

export const articleOption = (fallback = 'the newest') =>
  z
    .string()
    .trim()
    .max(100)
    .optional()
    .describe(`Article id or words of its title (default: ${fallback})`)
    .meta({
      autocomplete: 'article',
      expected: 'an article id or words of its title',
      example: 'deepseek delay',
    });
