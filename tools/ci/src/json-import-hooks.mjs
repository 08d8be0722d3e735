// @actions/workflow-parser imports its JSON schema without `with { type: 'json' }`, which
// Node 20 refuses; this loader hook supplies the attribute for .json modules.
export async function load(url, context, nextLoad) {
  if (url.endsWith('.json')) return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } });
  return nextLoad(url, context);
}
