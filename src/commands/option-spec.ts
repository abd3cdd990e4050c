// Reads a command's zod options into plain specs adapters can render (types, choices, descriptions).
import type { z } from 'zod';

export interface OptionSpec {
  name: string;
  description: string;
  kind: 'string' | 'integer';
  required: boolean;
  choices?: readonly string[];
  min?: number;
  max?: number;
  /** Adapters offer autocomplete for these (Discord) or suggestions (text platforms). */
  autocomplete?: 'article' | 'topic' | 'timezone';
  /** Takes the rest of a typed line (only one per command). */
  freeText: boolean;
  /** A typed word of this shape belongs to this option (e.g. `08:30` to a time). */
  match?: RegExp;
}

export interface OptionMeta {
  autocomplete?: OptionSpec['autocomplete'];
  match?: RegExp;
}

type Def = { type: string; innerType?: z.ZodType; entries?: Record<string, string>; checks?: unknown[] };

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
    return { inner, required };
  }
}

export function describeOptions(options: z.ZodObject): OptionSpec[] {
  return Object.entries(options.shape).map(([name, field]) => {
    const schema = field as z.ZodType;
    const { inner, required } = unwrap(schema);
    const def = inner.def as Def;
    const meta = (schema.meta() ?? inner.meta() ?? {}) as OptionMeta & { description?: string };
    const description = schema.description ?? inner.description ?? meta.description ?? name;
    const spec: OptionSpec = { name, description, kind: 'string', required, freeText: false };
    if (def.type === 'enum' && def.entries) spec.choices = Object.values(def.entries);
    if (def.type === 'number') {
      spec.kind = 'integer';
      const bag = inner as unknown as { minValue: number | null; maxValue: number | null };
      if (typeof bag.minValue === 'number' && Number.isFinite(bag.minValue)) spec.min = bag.minValue;
      if (typeof bag.maxValue === 'number' && Number.isFinite(bag.maxValue)) spec.max = bag.maxValue;
    }
    if (def.type === 'string' && !meta.match) spec.freeText = true;
    if (meta.autocomplete) spec.autocomplete = meta.autocomplete;
    if (meta.match) spec.match = meta.match;
    return spec;
  });
}
