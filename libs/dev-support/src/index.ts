export { findWorkspaceRoot } from './lib/workspace-root';
export { defaultMigrationsDir, localDatabaseDir } from './lib/workspace-paths';
export { freePort, freeStablePorts, isPortFree } from './lib/free-port';
export { serviceNodeBinary, serviceNodeVersion } from './lib/service-runtime';
