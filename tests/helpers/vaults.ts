// @process: test
// A test file's throwaway vaults (node:test only): `open()` makes one on a fresh folder and
// keychain service, and every one is cleaned up after the file's tests.
import { after } from 'node:test';
import { makeTestVault, type TestVault } from './core';

export function testVaults(): () => TestVault {
  const vaults: TestVault[] = [];
  after(async () => {
    for (const v of vaults) await v.cleanup();
  });
  return () => {
    const v = makeTestVault();
    vaults.push(v);
    return v;
  };
}
