// Where a YAML syntax error in front matter is: the top-level field it breaks, and the line to show.
import { CST, type LineCounter, Parser } from 'yaml';

export interface YamlErrorPlace {
  /** The top-level key whose value is broken; undefined when the error is outside any field. */
  field?: string;
  /** 1-based line within the YAML text. */
  line: number;
}

/** A value that YAML reads to its closing character: when that is missing, the error is reported at its end. */
const isDelimited = (token: CST.Token) =>
  token.type === 'flow-collection' ||
  token.type === 'double-quoted-scalar' ||
  token.type === 'single-quoted-scalar';

/** A quoted value or flow collection without its closing quote or bracket. */
function isUnclosed(token: CST.Token): boolean {
  if (token.type === 'flow-collection')
    return !token.end.some((part) => part.type === 'flow-seq-end' || part.type === 'flow-map-end');
  if (token.type === 'double-quoted-scalar') return !/^"(?:[^"\\]|\\[\s\S])*"$/.test(token.source);
  if (token.type === 'single-quoted-scalar') return !/^'(?:[^']|'')*'$/.test(token.source);
  return false;
}

const tokenEnd = (token: CST.Token) => ('offset' in token ? token.offset : 0) + CST.stringify(token).length;

/** Whether `offset` falls in `token`; an unclosed quote or bracket is reported just past its end, so that counts. */
function covers(token: CST.Token | undefined, offset: number): token is CST.Token {
  if (!token || !('offset' in token)) return false;
  const end = tokenEnd(token);
  return token.offset <= offset && (offset < end || (offset === end && isUnclosed(token)));
}

/** The quoted value or flow collection, at any depth of block collections, that holds `offset`. */
function delimitedAt(token: CST.Token, offset: number): CST.Token | undefined {
  if (isDelimited(token)) return token;
  if (token.type !== 'block-map' && token.type !== 'block-seq') return undefined;
  for (const item of token.items) {
    if (covers(item.value, offset)) return delimitedAt(item.value, offset);
  }
  return undefined;
}

/**
 * The place of a YAML error at `offset` in `yamlText`: the field is the top-level key whose entry
 * holds it; the line is where an unclosed quote or bracket opens (the library reports where it gave
 * up looking), else the error's own line.
 */
export function yamlErrorPlace(yamlText: string, offset: number, counter: LineCounter): YamlErrorPlace {
  const own = { line: counter.linePos(offset).line };
  const document = [...new Parser().parse(yamlText)].find((token) => token.type === 'document');
  const root = document?.type === 'document' ? document.value : undefined;
  if (root?.type !== 'block-map') return own;
  // Keys not at the start of a line are a broken line of the entry above (a tab before a nested key).
  const entries = root.items.filter(
    (item) => item.key && 'offset' in item.key && counter.linePos(item.key.offset).col === 1,
  );
  const owner =
    entries.find((item) => covers(item.value, offset)) ??
    entries.findLast((item) => item.key && 'offset' in item.key && item.key.offset <= offset);
  if (!owner?.key || !CST.isScalar(owner.key)) return own;
  const key = CST.resolveAsScalar(owner.key);
  // A key over several lines is itself the fault (a line without its colon joined to the next key).
  const field = key && key.value !== '' && !/[\r\n]/.test(owner.key.source) ? key.value : undefined;
  const delimited = owner.value && covers(owner.value, offset) ? delimitedAt(owner.value, offset) : undefined;
  const line = delimited && 'offset' in delimited ? counter.linePos(delimited.offset).line : own.line;
  return field === undefined ? { line } : { field, line };
}
