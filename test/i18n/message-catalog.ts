// Reads the .ftl files as data (ids and the variables each message uses), for the checks over them.
import { FluentResource } from '@fluent/bundle';
import { LOCALES, type Locale } from '../../src/i18n/locales.ts';
import { readLocaleFiles } from '../../src/i18n/translate.ts';

type Node =
  | string
  | {
      type: string;
      name?: string;
      selector?: Node;
      variants?: { value: Node[] | string }[];
      positional?: Node[];
      args?: Node[];
    }
  | Node[];

function collect(node: Node | null | undefined, into: Set<string>): void {
  if (node === null || node === undefined || typeof node === 'string') return;
  if (Array.isArray(node)) {
    for (const element of node) collect(element, into);
    return;
  }
  if (node.type === 'var' && node.name) into.add(node.name);
  collect(node.selector, into);
  for (const variant of node.variants ?? []) collect(variant.value, into);
  for (const arg of node.positional ?? node.args ?? []) collect(arg, into);
}

export interface CatalogMessage {
  id: string;
  file: string;
  variables: Set<string>;
}

/** Every message of a locale, by id. */
export function readCatalog(locale: Locale): Map<string, CatalogMessage> {
  const messages = new Map<string, CatalogMessage>();
  for (const [file, text] of readLocaleFiles(locale)) {
    for (const entry of new FluentResource(text).body) {
      if (entry.id.startsWith('-')) continue;
      const variables = new Set<string>();
      collect(entry.value as Node, variables);
      messages.set(entry.id, { id: entry.id, file, variables });
    }
  }
  return messages;
}

export const allCatalogs = (): Map<Locale, Map<string, CatalogMessage>> =>
  new Map(LOCALES.map((locale) => [locale, readCatalog(locale)]));
