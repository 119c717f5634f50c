import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ARCHITECTURES } from '../fixtures/architectures/index.js';
import { profileModel } from '../../src/profile/profile-model.js';

// torchvision publishes parameters exactly and GFLOPS (MAC-equivalent) to two decimals: the counter must give
// the same parameter count and the same MACs at the published precision, for every classic family.
for (const arch of ARCHITECTURES) {
  test(`${arch.name}: ${arch.params.toLocaleString('en-US')} parameters, ${arch.gmacs} GMACs as published`, () => {
    const { totals } = profileModel(arch.build());
    assert.is(totals.uncounted, 0, 'every node counted');
    assert.is(totals.params, arch.params);
    assert.is(Math.round(totals.macs / 1e7) / 100, arch.gmacs, `counted ${(totals.macs / 1e9).toFixed(4)} GMACs`);
  });
}

test.run();
