// The shared `article` option: an id or words of a title; empty means the newest article.
import { z } from '../src/commands/define-command.ts';

export const articleOption = () =>
  z
    .string()
    .trim()
    .max(100)
    .optional()
    .describe('Article id or words of its title (default: the newest)')
    .meta({
      autocomplete: 'article',
      expected: 'an article id or words of its title',
      example: 'deepseek delay',
    });
