import * as certManager from '@kubernetes-models/cert-manager/cert-manager.io/v1';
import * as cloudNativePg from '@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1';
import * as apps from 'kubernetes-models/apps/v1';
import * as autoscaling from 'kubernetes-models/autoscaling/v2';
import * as batch from 'kubernetes-models/batch/v1';
import * as networking from 'kubernetes-models/networking.k8s.io/v1';
import * as policy from 'kubernetes-models/policy/v1';
import * as core from 'kubernetes-models/v1';
import { committedObjects, KubeObject } from './support/committed-manifests';
import { vendoredCrdValidators } from './support/crd-schemas';

/** Models generated from the official Kubernetes OpenAPI document and from the operators' CRDs. */
const modelsByApiVersion: Record<string, Record<string, unknown>> = {
  v1: core,
  'apps/v1': apps,
  'autoscaling/v2': autoscaling,
  'batch/v1': batch,
  'networking.k8s.io/v1': networking,
  'policy/v1': policy,
  'postgresql.cnpg.io/v1': cloudNativePg,
  'cert-manager.io/v1': certManager,
};

/** Gateway API and Envoy Gateway: their official CRDs, vendored under fixtures/crds (no model package here). */
const crdValidatorFor = vendoredCrdValidators();

interface Validatable {
  validate(): void;
}

function validate(object: KubeObject): void {
  const crdValidator = crdValidatorFor(object.apiVersion, object.kind);
  if (crdValidator) return crdValidator(object);
  const Model = modelsByApiVersion[object.apiVersion]?.[object.kind] as (new (data: unknown) => Validatable) | undefined;
  if (!Model) throw new Error(`no schema for ${object.apiVersion} ${object.kind}`);
  new Model(object).validate();
}

describe.each(['production', 'staging', 'local'])('%s manifests against the official schemas', (environment) => {
  const objects = committedObjects(environment);

  it('contains objects to check', () => {
    expect(objects.length).toBeGreaterThan(20);
  });

  it.each(objects.map((object) => [`${object.kind}/${object.metadata.name}`, object] as const))('%s is valid', (_name, object) => {
    expect(() => validate(object)).not.toThrow();
  });
});

describe('the schema check itself', () => {
  const [deployment] = committedObjects('production').filter((object) => object.kind === 'Deployment');
  const [cluster] = committedObjects('production').filter((object) => object.kind === 'Cluster');
  const [certificate] = committedObjects('production').filter((object) => object.kind === 'Certificate');

  it('rejects a Deployment whose container port is not a number', () => {
    const broken = structuredClone(deployment);
    broken.spec.template.spec.containers[0].ports[0].containerPort = 'http';
    expect(() => validate(broken)).toThrow(/containerPort/);
  });

  it('rejects a Deployment without a selector', () => {
    const broken = structuredClone(deployment);
    delete broken.spec.selector;
    expect(() => validate(broken)).toThrow(/selector/);
  });

  it('rejects a CloudNativePG Cluster with an unknown primary update strategy', () => {
    const broken = structuredClone(cluster);
    broken.spec.primaryUpdateStrategy = 'whenever';
    expect(() => validate(broken)).toThrow(/primaryUpdateStrategy/);
  });

  it('rejects a cert-manager Certificate without an issuer', () => {
    const broken = structuredClone(certificate);
    delete broken.spec.issuerRef;
    expect(() => validate(broken)).toThrow(/issuerRef/);
  });

  const [gateway] = committedObjects('production').filter((object) => object.kind === 'Gateway');
  const [route] = committedObjects('production').filter((object) => object.kind === 'HTTPRoute' && object.spec.rules[0].backendRefs);
  const [trafficPolicy] = committedObjects('production').filter((object) => object.kind === 'BackendTrafficPolicy');

  it('rejects a Gateway listener on a port outside 1-65535', () => {
    const broken = structuredClone(gateway);
    broken.spec.listeners[0].port = 70000;
    expect(() => validate(broken)).toThrow(/listeners\/0\/port/);
  });

  it('rejects an HTTPRoute that uses the Ingress path type "Prefix"', () => {
    const broken = structuredClone(route);
    broken.spec.rules[0].matches[0].path.type = 'Prefix';
    expect(() => validate(broken)).toThrow(/type/);
  });

  it('rejects a BackendTrafficPolicy with a misspelled field instead of pruning it', () => {
    const broken = structuredClone(trafficPolicy);
    broken.spec.rateLimit.local.rule = broken.spec.rateLimit.local.rules;
    expect(() => validate(broken)).toThrow(/additional properties/);
  });

  it('rejects a request buffer limit that is not a Kubernetes quantity', () => {
    const broken = structuredClone(trafficPolicy);
    broken.spec.requestBuffer.limit = '60MB';
    expect(() => validate(broken)).toThrow(/limit/);
  });

  it('rejects a rate limit unit Envoy Gateway does not know', () => {
    const broken = structuredClone(trafficPolicy);
    broken.spec.rateLimit.local.rules[0].limit.unit = 'Fortnight';
    expect(() => validate(broken)).toThrow(/unit/);
  });

  it('rejects an EnvoyProxy Service traffic policy Kubernetes does not have', () => {
    const [proxy] = committedObjects('production').filter((object) => object.kind === 'EnvoyProxy');
    const broken = structuredClone(proxy);
    broken.spec.provider.kubernetes.envoyService.externalTrafficPolicy = 'Nearest';
    expect(() => validate(broken)).toThrow(/externalTrafficPolicy/);
  });

  it('refuses a kind it has no schema for instead of passing it', () => {
    expect(() => validate({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } })).toThrow(/no schema/);
  });
});
