import { formats, runValidateFunc, ValidateFunc } from '@kubernetes-models/validate';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parse } from 'yaml';

/** Official CRDs vendored for offline validation; fixtures/crds/README.md names their source and version. */
export const CRD_FIXTURES = join(__dirname, '..', 'fixtures', 'crds');

type JsonSchema = Record<string, unknown>;

interface CustomResourceDefinition {
  spec: {
    group: string;
    names: { kind: string };
    versions: { name: string; served: boolean; schema: { openAPIV3Schema: JsonSchema } }[];
  };
}

interface SchemaCompiler {
  compile(schema: JsonSchema): ValidateFunc<unknown>;
  addFormat(name: string, format: (typeof formats)[string]): unknown;
}

/**
 * The Ajv that @kubernetes-models/validate checks every other model with (and its Kubernetes
 * formats: int32, int64, quantity, cidr...), loaded from that package so both checks share one engine.
 */
function kubernetesModelsAjv(): SchemaCompiler {
  const requireFromValidate = createRequire(require.resolve('@kubernetes-models/validate'));
  const Ajv = requireFromValidate('ajv') as new (options: object) => SchemaCompiler;
  const ajv = new Ajv({ strict: false, logger: false });
  for (const [name, format] of Object.entries(formats)) ajv.addFormat(name, format);
  return ajv;
}

/**
 * Unknown fields fail, as `kubectl apply` (field validation `Strict`) fails them, instead of being
 * pruned silently: every object schema that lists its properties and does not opt into unknown
 * fields gets `additionalProperties: false`. A misspelled policy field would otherwise pass.
 */
function rejectUnknownFields(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rejectUnknownFields);
  if (schema === null || typeof schema !== 'object') return schema;
  const node = Object.fromEntries(
    Object.entries(schema).map(([key, value]) =>
      // `properties` maps field names to schemas: walk its values, never treat it as a schema itself.
      key === 'properties'
        ? [key, Object.fromEntries(Object.entries(value as JsonSchema).map(([field, sub]) => [field, rejectUnknownFields(sub)]))]
        : [key, rejectUnknownFields(value)],
    ),
  ) as JsonSchema;
  if (node['properties'] && node['additionalProperties'] === undefined && !node['x-kubernetes-preserve-unknown-fields']) {
    node['additionalProperties'] = false;
  }
  return node;
}

export type CrdValidator = (object: unknown) => void;

/**
 * A lookup of `<group>/<version>` + kind -> a validator that throws when an object breaks that
 * served version's CRD schema; `undefined` when no vendored CRD defines it. Schemas compile on
 * first use (the EnvoyProxy CRD alone takes seconds).
 */
export function vendoredCrdValidators(): (apiVersion: string, kind: string) => CrdValidator | undefined {
  const ajv = kubernetesModelsAjv();
  const schemas = new Map<string, JsonSchema>();
  for (const file of readdirSync(CRD_FIXTURES).filter((name) => name.endsWith('.yaml')).sort()) {
    const crd = parse(readFileSync(join(CRD_FIXTURES, file), 'utf8')) as CustomResourceDefinition;
    for (const version of crd.spec.versions.filter((candidate) => candidate.served)) {
      schemas.set(`${crd.spec.group}/${version.name} ${crd.spec.names.kind}`, version.schema.openAPIV3Schema);
    }
  }
  const compiled = new Map<string, CrdValidator>();
  return (apiVersion, kind) => {
    const key = `${apiVersion} ${kind}`;
    const schema = schemas.get(key);
    if (!schema) return undefined;
    if (!compiled.has(key)) {
      const validateFunc = ajv.compile(rejectUnknownFields(schema) as JsonSchema);
      compiled.set(key, (object) => runValidateFunc(validateFunc, object));
    }
    return compiled.get(key);
  };
}
