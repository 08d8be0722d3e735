// The local platform runner (tools/local-platform) is an application without a package alias;
// the drills use its programmatic entry, the same one its own end-to-end test uses.
export { startLocalPlatform } from '../../../../tools/local-platform/src';
export type { LocalPlatform } from '../../../../tools/local-platform/src';
