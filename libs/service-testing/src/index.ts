export { serviceUnderTest, type ServiceUnderTest, type ServiceUnderTestOptions } from './lib/service-under-test';
export { startTestService } from './lib/start-test-service';
export { tablesFound } from './lib/tables-found';
export { describeServiceContract } from './lib/service-contract';
export { closedPortUrl } from './lib/closed-port-url';
export { sendJson, postJson, readJson } from './lib/json-requests';
export { expectError } from './lib/expect-error';
export { startServiceProcess, startBuiltService, builtServiceBundle, type ServiceProcess } from './lib/service-process';
export { silentServer, type SilentServer } from './lib/silent-server';
