import { Tree } from '@nx/devkit';
import * as ts from 'typescript';

/** Where the one typed list of services lives (see libs/service-catalog). */
export const catalogServicesPath = 'libs/service-catalog/src/lib/services.ts';

/** What the generator needs to know about an existing catalog entry. */
export interface CatalogEntrySummary {
  name: string;
  port: number;
  description: string;
  tables: string[];
  peers: string[];
}

interface ParsedCatalog {
  source: ts.SourceFile;
  array: ts.ArrayLiteralExpression;
  entries: CatalogEntrySummary[];
  declaredConstants: Set<string>;
}

/**
 * Reads the catalog through the TypeScript AST rather than by importing it, because a
 * generator works on a virtual Tree that may already hold changes not yet on disk.
 */
export function readCatalogEntries(tree: Tree): CatalogEntrySummary[] {
  return parseCatalog(tree).entries;
}

/** Inserts `entryText` (an object literal) as the last element of the `services` array. */
export function appendCatalogEntry(tree: Tree, entryText: string): void {
  const { array } = parseCatalog(tree);
  const text = tree.read(catalogServicesPath, 'utf-8') as string;
  const closing = array.getEnd() - 1; // position of `]`
  const before = text.slice(0, closing).replace(/\s*$/, '');
  const separator = before.endsWith('[') || before.endsWith(',') ? '' : ',';
  tree.write(catalogServicesPath, `${before}${separator}\n${entryText.replace(/\s*$/, '')}\n${text.slice(closing)}`);
}

/** Whether services.ts declares a top-level constant (e.g. the shared `small` resources). */
export function catalogDeclares(tree: Tree, constant: string): boolean {
  return parseCatalog(tree).declaredConstants.has(constant);
}

function parseCatalog(tree: Tree): ParsedCatalog {
  const text = tree.read(catalogServicesPath, 'utf-8');
  if (text === null) {
    throw new Error(`The service catalog ${catalogServicesPath} does not exist in this workspace.`);
  }
  const source = ts.createSourceFile(catalogServicesPath, text, ts.ScriptTarget.Latest, true);
  const declaredConstants = new Set<string>();
  let array: ts.ArrayLiteralExpression | undefined;
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name)) continue;
      declaredConstants.add(declaration.name.text);
      if (declaration.name.text === 'services' && declaration.initializer) {
        array = findArrayLiteral(declaration.initializer);
      }
    }
  }
  if (!array) {
    throw new Error(`${catalogServicesPath} has no \`export const services = [...]\` array literal.`);
  }
  const entries = array.elements.filter(ts.isObjectLiteralExpression).map((entry) => summarise(entry));
  return { source, array, entries, declaredConstants };
}

/** Unwraps `[...] as const satisfies readonly ServiceDefinition[]`. */
function findArrayLiteral(node: ts.Expression): ts.ArrayLiteralExpression | undefined {
  let current: ts.Expression = node;
  while (!ts.isArrayLiteralExpression(current)) {
    if (ts.isAsExpression(current) || ts.isSatisfiesExpression(current) || ts.isParenthesizedExpression(current)) {
      current = current.expression;
    } else {
      return undefined;
    }
  }
  return current;
}

function summarise(entry: ts.ObjectLiteralExpression): CatalogEntrySummary {
  const property = (key: string): ts.Expression | undefined => {
    for (const p of entry.properties) {
      if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === key) {
        return p.initializer;
      }
    }
    return undefined;
  };
  const stringOf = (node: ts.Expression | undefined): string =>
    node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : '';
  const stringsOf = (node: ts.Expression | undefined): string[] =>
    node && ts.isArrayLiteralExpression(node) ? node.elements.map((e) => stringOf(e)).filter(Boolean) : [];
  const port = property('port');
  return {
    name: stringOf(property('name')),
    port: port && ts.isNumericLiteral(port) ? Number(port.text) : NaN,
    description: stringOf(property('description')),
    tables: stringsOf(property('tables')),
    peers: stringsOf(property('peers')),
  };
}
