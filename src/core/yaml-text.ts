import { Document, isScalar, Scalar, visit, type Node } from 'yaml';

/*
 * Every generated document is built as plain data and serialized here, and only here.
 * Istio and kubectl read YAML with 1.1 rules (`yes`, `on`, `0755` are not strings there), go-yaml v3
 * and newer tools with 1.2 rules (`0o755`, `0x1F`, `1e3`, `.inf`), so every string either of them
 * would read as something else is quoted: it stays the string the user typed, whatever reads it.
 */
export function toYaml(value: unknown): string {
  const doc = new Document(value, { version: '1.1' });
  quoteAmbiguousStrings(doc.contents);
  return doc.toString({ lineWidth: 0 });
}

/** Several documents in one file, separated as kubectl expects. */
export function toYamlStream(values: readonly unknown[]): string {
  return values.map(toYaml).join('---\n');
}

/*
 * Plain scalars that YAML 1.1 (yaml.org/type), the 1.2 core schema or go-yaml resolve to null, a
 * boolean, a number or a timestamp; `=` and `<<` are 1.1's value and merge keys.
 */
const NOT_A_STRING = new RegExp(
  '^(?:' +
    [
      '~|null|Null|NULL',
      'y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF',
      '[-+]?(?:0b[01_]+|0o[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(?::[0-5]?[0-9])*)',
      '[-+]?(?:\\.[0-9_]+|[0-9][0-9_]*(?:\\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?',
      '[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])*\\.[0-9_]*',
      '[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)',
      '[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \\t]+).*)?',
      '=|<<',
    ].join('|') +
    ')$',
);

/** True when a YAML 1.1 or 1.2 reader would not read this text, written plain, as a string. */
export function isAmbiguousPlainString(text: string): boolean {
  return NOT_A_STRING.test(text);
}

/** Marks every such string (keys included) to be written in double quotes. */
export function quoteAmbiguousStrings(node: Node | null | undefined): void {
  if (!node) return;
  visit(node, {
    Scalar(_, scalar) {
      if (typeof scalar.value === 'string' && isAmbiguousPlainString(scalar.value)) scalar.type = Scalar.QUOTE_DOUBLE;
    },
  });
  if (isScalar(node) && typeof node.value === 'string' && isAmbiguousPlainString(node.value))
    node.type = Scalar.QUOTE_DOUBLE;
}
