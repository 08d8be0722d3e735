import * as certManager from '@kubernetes-models/cert-manager/cert-manager.io/v1';
import * as cloudNativePg from '@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1';
import * as apps from 'kubernetes-models/apps/v1';
import * as autoscaling from 'kubernetes-models/autoscaling/v2';
import * as batch from 'kubernetes-models/batch/v1';
import * as networking from 'kubernetes-models/networking.k8s.io/v1';
import * as policy from 'kubernetes-models/policy/v1';
import * as core from 'kubernetes-models/v1';
import { committedObjects, KubeObject } from './support/committed-manifests';

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

interface Validatable {
  validate(): void;
}

function validate(object: KubeObject): void {
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

  it('refuses a kind it has no schema for instead of passing it', () => {
    expect(() => validate({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } })).toThrow(/no schema/);
  });
});
