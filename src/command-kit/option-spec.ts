// Reads a command's zod options into plain specs adapters can render (types, choices, descriptions).

import type { z } from 'zod';
import { t } from '../i18n/current-locale.ts';

export interface OptionSpec {
  name: string;
  description: string;
  kind: 'string' | 'integer';
  required: boolean;
  choices?: readonly string[];
  min?: number;
  max?: number;
  /** Longest accepted text, in characters. */
  maxLength?: number;
  /** Adapters offer autocomplete for these (Discord) or suggestions (text platforms). */
  autocomplete?: 'article' | 'topic' | 'timezone';
  /** Takes the rest of a typed line (only one per command). */
  freeText: boolean;
  /** A typed word of this shape belongs to this option (e.g. `08:30` to a time). */
  match?: RegExp;
  /** What a good value is, in words that fit "needs …" and "should be …" ("a time zone"). */
  expected: string;
  /** A good value, shown in replies about bad input (`Europe/Berlin`). */
  example: string;
  /** Whether the option's own schema takes this value (spellings such as `Monday` included). */
  accepts(value: unknown): boolean;
}

/** Set with `.meta({...})` on an option's schema. */
export interface OptionMeta {
  autocomplete?: OptionSpec['autocomplete'];
  match?: RegExp;
  /** Required for text options; choices and whole numbers describe themselves. */
  expected?: string;
  /** Required for text options; must pass the option's own schema. */
  example?: string;
}

type Def = {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  entries?: Record<string, string>;
};

/** The schema under optional/default wrappers and transforms, and whether a value is required. */
function unwrap(schema: z.ZodType): { inner: z.ZodType; required: boolean } {
  let inner = schema;
  let required = true;
  for (;;) {
    const def = inner.def as Def;
    if ((def.type === 'optional' || def.type === 'default') && def.innerType) {
      required = false;
      inner = def.innerType;
      continue;
    }
    if (def.type === 'pipe' && def.in && def.out) {
      // preprocess(fn, schema) is transform → schema; schema.transform(fn) is schema → transform.
      inner = (def.in.def as Def).type === 'transform' ? def.out : def.in;
      continue;
    }
    return { inner, required };
  }
}

/** "solo or group", "a, b or c". */
export function listChoices(choices: readonly string[]): string {
  return choices.length <= 1
    ? (choices[0] ?? '')
    : t('list-or', {
        init: choices.slice(0, -1).join(t('list-comma')),
        last: choices[choices.length - 1] ?? '',
      });
}

function findMeta(schema: z.ZodType): OptionMeta & { description?: string } {
  const merged: OptionMeta & { description?: string } = {};
  let current: z.ZodType | undefined = schema;
  // Meta may sit on any layer (before or after .optional()); the outermost wins.
  const layers: z.ZodType[] = [];
  while (current) {
    layers.push(current);
    const def = current.def as Def;
    current = def.innerType ?? ((def.in?.def as Def | undefined)?.type === 'transform' ? def.out : def.in);
  }
  for (const layer of layers.reverse()) Object.assign(merged, layer.meta() ?? {});
  return merged;
}

export function describeOptions(options: z.ZodObject): OptionSpec[] {
  return Object.entries(options.shape).map(([name, field]) => {
    const schema = field as z.ZodType;
    const { inner, required } = unwrap(schema);
    const def = inner.def as Def;
    const meta = findMeta(schema);
    const description = schema.description ?? inner.description ?? meta.description ?? name;
    const spec: OptionSpec = {
      name,
      description,
      kind: 'string',
      required,
      freeText: false,
      expected: meta.expected ?? '',
      example: meta.example ?? '',
      accepts: (value) => schema.safeParse(value).success,
    };
    if (def.type === 'enum' && def.entries) {
      const choices = Object.values(def.entries);
      spec.choices = choices;
      spec.expected = meta.expected ?? `a ${name}: ${listChoices(choices)}`;
      spec.example = meta.example ?? choices[0] ?? '';
    }
    if (def.type === 'number') {
      spec.kind = 'integer';
      const bag = inner as unknown as { minValue: number | null; maxValue: number | null };
      if (typeof bag.minValue === 'number' && Number.isFinite(bag.minValue)) spec.min = bag.minValue;
      if (typeof bag.maxValue === 'number' && Number.isFinite(bag.maxValue)) spec.max = bag.maxValue;
      const range = `${spec.min !== undefined ? ` from ${spec.min}` : ''}${spec.max !== undefined ? ` to ${spec.max}` : ''}`;
      spec.expected = meta.expected ?? `a whole number${range}`;
      spec.example = meta.example ?? String(spec.min ?? 1);
    }
    if (def.type === 'string') {
      const bag = inner as unknown as { maxLength: number | null };
      if (typeof bag.maxLength === 'number' && Number.isFinite(bag.maxLength)) spec.maxLength = bag.maxLength;
      if (!meta.match) spec.freeText = true;
    }
    if (meta.autocomplete) spec.autocomplete = meta.autocomplete;
    if (meta.match) spec.match = meta.match;
    return spec;
  });
}
