import { describe, expect, test } from 'vitest';
import type { Entity } from '../../src/content/article-schema.ts';
import { buildGazetteer } from '../../src/intake/gazetteer.ts';
import { nameContext, tagSentence } from '../../src/intake/tag-entities.ts';

const empty = buildGazetteer([]);
/** Tags of `sentence` read with the rest of its article (`others`) as context. */
const tags = (sentence: string, others: string[] = []): Entity[] =>
  tagSentence(sentence, empty, nameContext([sentence, ...others]));
const names = (sentence: string, others: string[] = []) => tags(sentence, others).map((tag) => tag.name);

describe('how the words around a name type it', () => {
  test('an appositive says what the name is: its noun phrase’s last word', () => {
    expect(tags('The pumps were built by Kestrel Works, a firm based in Calder, last year.')).toContainEqual({
      type: 'org',
      name: 'Kestrel Works',
    });
    expect(tags('The ferry now stops at Brannock, a small port town on the coast.')).toContainEqual({
      type: 'location',
      name: 'Brannock',
    });
    expect(tags('The fix came from Tansy, the project’s most used build tool.')).toContainEqual({
      type: 'tech',
      name: 'Tansy',
    });
  });

  test('a name that opens a sentence is found when an appositive follows it', () => {
    expect(tags('Bluefin, a popular open-source library, now runs on phones.')).toContainEqual({
      type: 'tech',
      name: 'Bluefin',
    });
  });

  test('a classifier noun right after a name types it', () => {
    expect(tags('The Varden Open Silicon consortium has published the design.')).toContainEqual({
      type: 'org',
      name: 'Varden Open Silicon',
    });
    expect(tags('Phones switch to the Silver Thread protocol when the network is busy.')).toContainEqual({
      type: 'tech',
      name: 'Silver Thread',
    });
  });

  test('a capitalised word with a noun after it is typed by that noun: a thing, else an idea', () => {
    expect(tags('Orders for the Velox chip doubled in a month.')).toContainEqual({
      type: 'tech',
      name: 'Velox chip',
    });
    expect(tags('Engineers must correct for the Harwick effect on every pass.')).toContainEqual({
      type: 'concept',
      name: 'Harwick effect',
    });
  });

  test('a lower-case word compromise reads as part of an organisation does not make the name before it one', () => {
    // compromise tags `Paxos group` as an organisation; `group` here is a group of Paxos replicas.
    expect(tags('Each shard is now kept by its own Paxos group, so no node is a bottleneck.')).toContainEqual(
      {
        type: 'tech',
        name: 'Paxos',
      },
    );
  });
});

describe('what is a name, and where it ends', () => {
  test('a name styled in lower case is found where it opens a sentence, and again later in the article', () => {
    const opening = 'tidepool, a tool that syncs notes between phones, has released version 4.';
    expect(tags(opening)).toContainEqual({ type: 'tech', name: 'tidepool' });
    expect(names('Users of tidepool can now share folders.', [opening])).toContain('tidepool');
    // An English word in lower case at a sentence's start (a fragment the splitter left) is not a name.
    expect(names('generates code between the two languages without a warning.')).toEqual([]);
  });

  test('a model number and an identifier after it are two names', () => {
    expect(names('The board is built on its open Q7 RISC-V core.')).toEqual(['Q7', 'RISC-V']);
    expect(names('The Z900 GPU is still scarce.')).toEqual(['Z900']);
  });

  test('a reference with a lifetime keeps the type it qualifies', () => {
    expect(names("The callback may only return a &'static str from now on.")).toEqual(["&'static str"]);
  });

  test('references to parts of a document and nationalities alone are not names', () => {
    expect(names('Under Article 12 and Annex IV, the rules apply to every seller.')).toEqual([]);
    expect(names('A French court fined the German engineers on Friday.')).not.toContain('German');
  });
});
