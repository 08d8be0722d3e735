import { join } from 'node:path';

export const projectRoot = join(__dirname, '..', '..');
export const workspaceRoot = join(projectRoot, '..', '..');
export const runbooksDir = join(workspaceRoot, 'docs', 'runbooks');
export const projectFile = (name: string) => join(projectRoot, name);
