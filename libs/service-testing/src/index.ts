export { serviceUnderTest, type ServiceUnderTest, type ServiceUnderTestOptions } from './lib/service-under-test';
export { startTestService, testServiceEnv } from './lib/start-test-service';
export { testIssuer, authHeader, authorizedFetch, TEST_TENANT } from './lib/test-issuer';
export { tablesFound } from './lib/tables-found';
export { closedPortUrl } from './lib/closed-port-url';
export { sendJson, postJson, readJson } from './lib/json-requests';
export { expectError } from './lib/expect-error';
export { startServiceProcess, startBuiltService, builtServiceBundle, type ServiceProcess } from './lib/service-process';
export { silentServer, type SilentServer } from './lib/silent-server';
