import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

export const KUBERNETES_ROOT = join(__dirname, '..', '..', '..');

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  // Manifests are free-form beyond the header; tests narrow what they read.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  spec?: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [field: string]: any;
}

export interface ManifestFile {
  file: string;
  objects: KubeObject[];
}

/** The YAML files committed under infra/kubernetes/<environment>/, parsed. */
export function committedManifests(environment: string): ManifestFile[] {
  const dir = join(KUBERNETES_ROOT, environment);
  return readdirSync(dir)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => {
      const documents = parseAllDocuments(readFileSync(join(dir, file), 'utf8'));
      for (const document of documents) {
        if (document.errors.length > 0) throw new Error(`${environment}/${file}: ${document.errors[0].message}`);
      }
      return { file, objects: documents.map((document) => document.toJS() as KubeObject) };
    });
}

export function committedObjects(environment: string): KubeObject[] {
  return committedManifests(environment).flatMap((manifest) => manifest.objects);
}

export function ofKind(objects: KubeObject[], kind: string): KubeObject[] {
  return objects.filter((object) => object.kind === kind);
}

/** Deployments and Jobs: everything that carries a pod template. */
export function podTemplates(objects: KubeObject[]): { owner: KubeObject; template: KubeObject['spec'] }[] {
  return objects
    .filter((object) => object.kind === 'Deployment' || object.kind === 'Job')
    .map((owner) => ({ owner, template: owner.spec.template }));
}

export function selects(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  return Object.entries(selector ?? {}).every(([key, value]) => labels?.[key] === value);
}
