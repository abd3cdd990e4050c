// The articles tests run on: copies of the shipped ones under test/fixtures/content, so adding, editing
// or deleting an article in content/ never changes a test's result (content:check covers content/).
import { join } from 'node:path';

export const FIXTURE_CONTENT = join(import.meta.dirname, '..', 'fixtures', 'content');
