// What the words around a name say it is, as a newsroom tagger reads them: its last word (`… Institute`),
// a noun right after it (`the Meridian consortium`), or an appositive (`Northbay Instruments, a firm based in…`).
import type { EntityType } from '../content/article-schema.ts';

/** Words that end an organisation's name. */
export const ORG_ENDINGS = new Set([
  'institute',
  'foundation',
  'authority',
  'agency',
  'commission',
  'council',
  'consortium',
  'association',
  'ministry',
  'board',
  'university',
  'college',
  'bank',
  'inc',
  'corp',
  'corporation',
  'ltd',
  'group',
  'company',
  'office',
  'department',
  'court',
  'parliament',
  'union',
  'alliance',
  'labs',
  'society',
  'federation',
  'party',
  'police',
  'committee',
]);

/** Nouns that say what kind of thing a name is, in an appositive after it (`X, a popular tool that…`). */
const KIND_NOUNS: Readonly<Record<string, EntityType>> = {
  company: 'org',
  firm: 'org',
  startup: 'org',
  'start-up': 'org',
  maker: 'org',
  manufacturer: 'org',
  supplier: 'org',
  operator: 'org',
  carrier: 'org',
  provider: 'org',
  consortium: 'org',
  agency: 'org',
  regulator: 'org',
  ministry: 'org',
  lab: 'org',
  laboratory: 'org',
  university: 'org',
  charity: 'org',
  nonprofit: 'org',
  bank: 'org',
  insurer: 'org',
  utility: 'org',
  retailer: 'org',
  publisher: 'org',
  broadcaster: 'org',
  airline: 'org',
  carmaker: 'org',
  chipmaker: 'org',
  group: 'org',
  organisation: 'org',
  organization: 'org',
  alliance: 'org',
  coalition: 'org',
  foundation: 'org',
  institute: 'org',
  council: 'org',
  association: 'org',
  city: 'location',
  town: 'location',
  village: 'location',
  region: 'location',
  province: 'location',
  county: 'location',
  district: 'location',
  country: 'location',
  port: 'location',
  island: 'location',
  suburb: 'location',
  municipality: 'location',
  tool: 'tech',
  library: 'tech',
  framework: 'tech',
  language: 'tech',
  protocol: 'tech',
  database: 'tech',
  compiler: 'tech',
  chip: 'tech',
  processor: 'tech',
  format: 'tech',
  standard: 'tech',
  platform: 'tech',
  app: 'tech',
  kernel: 'tech',
  runtime: 'tech',
  engine: 'tech',
  browser: 'tech',
  technique: 'concept',
  method: 'concept',
  approach: 'concept',
  theory: 'concept',
  principle: 'concept',
  effect: 'concept',
  mayor: 'person',
  minister: 'person',
  engineer: 'person',
  spokesperson: 'person',
  spokesman: 'person',
  spokeswoman: 'person',
  director: 'person',
  founder: 'person',
  researcher: 'person',
  professor: 'person',
  analyst: 'person',
  economist: 'person',
  scientist: 'person',
};

/** Of those, the ones that also classify a name written right before them (`the Meridian consortium`, `the Rust language`). */
const CLASSIFIERS = new Set([
  'company',
  'firm',
  'startup',
  'consortium',
  'agency',
  'regulator',
  'operator',
  'city',
  'town',
  'region',
  'province',
  'county',
  'district',
  'language',
  'protocol',
  'library',
  'framework',
  'platform',
  'format',
  'standard',
  'chip',
  'processor',
  'kernel',
  'runtime',
  'engine',
  'database',
  'compiler',
  'app',
  'technique',
  'method',
  'effect',
  'principle',
]);

/** Words that end the noun phrase of an appositive: what follows describes, it does not name the kind. */
const PHRASE_END =
  /^(that|which|who|whose|based|from|of|in|on|at|with|for|and|or|but|known|founded|owned|run|made|built|set|since|to|by)$/i;
/** An appositive's noun phrase is short: `a firm`, `the city's chief engineer`, `a popular open-source tool`. */
const MAX_APPOSITIVE_WORDS = 5;

/** The kind a noun names (`firm` → org, `chip` → tech), if it names one. */
export const kindOfNoun = (noun: string): EntityType | undefined =>
  Object.hasOwn(KIND_NOUNS, noun) ? KIND_NOUNS[noun] : undefined;

/**
 * The kind the words after a name give it, or undefined: an appositive (`, a firm based in…`: its noun
 * phrase's last word), else a classifier noun right after it (`consortium has…`). `after` starts where the
 * name ends (its possessive removed).
 */
export function kindFromContext(after: string): EntityType | undefined {
  const appositive = /^,\s+(?:a|an|the)\s+/i.exec(after);
  if (appositive) {
    let head: string | undefined;
    let count = 0;
    for (const match of after.slice(appositive[0].length).matchAll(/[^\s]+/g)) {
      const raw = match[0];
      const word = raw.replace(/[.,;:!?)"'’”]+$/, '');
      if (PHRASE_END.test(word) || count === MAX_APPOSITIVE_WORDS) break;
      count += 1;
      // `the city's chief engineer`: a possessive word describes the head that follows.
      if (!/['’]s$/.test(word)) head = word.toLowerCase();
      if (word !== raw) break;
    }
    return head === undefined ? undefined : kindOfNoun(head);
  }
  const next = /^(\p{Ll}[\p{Ll}-]*)\b(?!['’-])/u.exec(after)?.[1];
  return next && CLASSIFIERS.has(next) ? kindOfNoun(next) : undefined;
}
