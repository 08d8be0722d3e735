import { RegistryImages } from './registry-images';

/** A registry in memory: the references it holds and every tag made, in order. */
export class ScriptedRegistry implements RegistryImages {
  readonly tags: { from: string; to: string }[] = [];
  private readonly references: Set<string>;

  constructor(references: Iterable<string> = []) {
    this.references = new Set(references);
  }

  async exists(reference: string): Promise<boolean> {
    return this.references.has(reference);
  }

  async tag(from: string, to: string): Promise<void> {
    if (!this.references.has(from)) throw new Error(`manifest unknown: ${from}`);
    this.tags.push({ from, to });
    this.references.add(to);
  }
}
