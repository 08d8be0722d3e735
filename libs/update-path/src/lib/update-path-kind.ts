import { fileExtension } from './file-extension';
import { blockmapExtension, installerExtensions } from './update-layout';

/** What a path in the update bucket holds; caching and metrics are decided per kind. */
export type UpdatePathKind = 'manifest' | 'installer' | 'blockmap' | 'other';

export function classifyUpdatePath(path: string): UpdatePathKind {
  const extension = fileExtension(path);
  if (extension === '.yml') return 'manifest';
  if (extension === blockmapExtension) return 'blockmap';
  if (extension in installerExtensions) return 'installer';
  return 'other';
}
