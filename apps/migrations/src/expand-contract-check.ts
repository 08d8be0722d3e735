import * as ts from 'typescript';

/**
 * Finds operations in a migration's `up` that would break the release still running
 * during a rolling deploy (ADR 011): dropping or renaming tables and columns, tightening
 * or retyping a column, adding a NOT NULL column without a default, raw DROP/RENAME SQL.
 * A file that means to contract says so with a `// contract: <why>` comment.
 */
export function expandContractViolations(fileName: string, source: string): string[] {
  if (/^\s*\/\/\s*contract:/m.test(source)) return [];
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const up = findUp(file);
  if (!up) return [];
  const violations: string[] = [];
  const report = (node: ts.Node, what: string) => {
    const { line } = file.getLineAndCharacterOfPosition(node.getStart());
    violations.push(`${fileName}:${line + 1}: ${what}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const operation = node.expression.name.text;
      const [, second, third] = node.arguments;
      if (['dropTable', 'dropColumn', 'dropColumns', 'renameColumn', 'renameTable', 'dropType'].includes(operation)) {
        report(node, `${operation} in up: the running release still uses it`);
      } else if (operation === 'alterColumn' && third && ts.isObjectLiteralExpression(third)) {
        if (hasProperty(third, 'type')) report(node, 'alterColumn changes a type in up');
        if (propertyIsTrue(third, 'notNull')) report(node, 'alterColumn sets NOT NULL in up: old code may still write nulls');
      } else if (operation === 'addColumn' || operation === 'addColumns') {
        if (second && ts.isObjectLiteralExpression(second)) {
          for (const column of second.properties) {
            if (!ts.isPropertyAssignment(column) || !ts.isObjectLiteralExpression(column.initializer)) continue;
            if (propertyIsTrue(column.initializer, 'notNull') && !hasProperty(column.initializer, 'default')) {
              report(column, `NOT NULL column ${column.name.getText(file)} without a default: old code inserting rows breaks`);
            }
          }
        }
      } else if (operation === 'sql') {
        const text = node.arguments[0]?.getText(file) ?? '';
        if (/\bDROP\s+(TABLE|COLUMN)\b|\bRENAME\b|\bSET\s+NOT\s+NULL\b/i.test(text)) report(node, 'raw SQL drops, renames or sets NOT NULL in up');
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(up);
  return violations;
}

function findUp(file: ts.SourceFile): ts.Node | undefined {
  let found: ts.Node | undefined;
  file.forEachChild((node) => {
    if (ts.isFunctionDeclaration(node) && node.name?.text === 'up') found = node;
    if (ts.isVariableStatement(node)) {
      for (const declaration of node.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.name.text === 'up') found = declaration;
      }
    }
  });
  return found;
}

function property(object: ts.ObjectLiteralExpression, name: string): ts.PropertyAssignment | undefined {
  return object.properties.find(
    (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === name,
  );
}

const hasProperty = (object: ts.ObjectLiteralExpression, name: string) => property(object, name) !== undefined;
const propertyIsTrue = (object: ts.ObjectLiteralExpression, name: string) =>
  property(object, name)?.initializer.kind === ts.SyntaxKind.TrueKeyword;
