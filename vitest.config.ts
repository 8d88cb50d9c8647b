// Unit and integration tests run under Node. Long-running machine tests (kernel boots, QEMU
// comparisons) set their own per-test timeouts; the default here covers ordinary unit tests.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
