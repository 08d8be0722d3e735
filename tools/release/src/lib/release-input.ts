import { prerelease, valid } from 'semver';
import { ReleaseError } from './release-error';
import { UpdateChannel, updateChannels } from '@factsway/update-path';

/** A strict semver string, exactly as it will appear in file names (no `v` prefix, no spaces). */
export function parseVersion(raw: string | undefined, flag = '--version'): string {
  if (raw === undefined || raw === '') throw new ReleaseError(`${flag} is required, e.g. ${flag} 1.0.1`);
  if (valid(raw) !== raw) throw new ReleaseError(`version "${raw}" is not semver (expected e.g. 1.0.1 or 1.1.0-beta.1)`);
  return raw;
}

export function parseChannel(raw: string | undefined): UpdateChannel {
  const channel = raw ?? 'latest';
  if (!(updateChannels as readonly string[]).includes(channel)) {
    throw new ReleaseError(`unknown channel "${channel}" (known: ${updateChannels.join(', ')})`);
  }
  return channel as UpdateChannel;
}

/** A whole percentage 0..100; `--staging 12.5` or `--percent ten` are refused, not rounded. */
export function parsePercent(raw: string | undefined, flag: string): number {
  if (raw === undefined || !/^\d{1,3}$/.test(raw) || Number(raw) > 100) {
    throw new ReleaseError(`${flag} must be a whole number from 0 to 100, got "${raw ?? ''}"`);
  }
  return Number(raw);
}

/** Clients on `latest` would install a prerelease without opting in; electron-builder puts those on their own channel. */
export function assertChannelFitsVersion(version: string, channel: UpdateChannel): void {
  if (channel === 'latest' && prerelease(version) !== null) {
    throw new ReleaseError(`${version} is a prerelease; publish it with --channel beta`);
  }
}
