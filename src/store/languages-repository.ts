// Languages chosen with /language: one record per person (platform account) and per chat.
import type { LanguagesPort } from '../core/ports.ts';
import {
  type LanguageChoice,
  type LanguageScope,
  languageChoiceSchema,
} from '../core/records/language-choice.ts';
import type { Platform } from '../core/records/platform.ts';
import type { Records } from './store-contract.ts';

const key = (scope: LanguageScope, platform: Platform, id: string) => `language:${scope}:${platform}:${id}`;

export class LanguagesRepository implements LanguagesPort {
  constructor(private readonly records: Records) {}

  get(scope: LanguageScope, platform: Platform, id: string): Promise<LanguageChoice | undefined> {
    return this.records.read(key(scope, platform, id), languageChoiceSchema);
  }

  async set(scope: LanguageScope, platform: Platform, id: string, locale: string | null): Promise<void> {
    if (locale === null) await this.records.delete(key(scope, platform, id));
    else await this.records.write(key(scope, platform, id), { v: 1, locale } satisfies LanguageChoice);
  }
}
