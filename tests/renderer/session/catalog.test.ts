import { describe, expect, test } from 'vitest';
import { catalog, resourcePath, sources } from '../../../src/renderer/session/catalog';

const glob = {
  '../../../resources/user/tests/cow.c': 'cow',
  '../../../resources/user/tests/fork.c': 'fork',
  '../../../resources/user/examples/hello.c': 'hello',
  '../../../resources/user/lib/stdio.c': 'lib',
  '../../../resources/user/include/stdio.h': 'h',
  '../../../resources/user/lib/crt0.S': 'asm',
};

describe('examples gallery discovery', () => {
  test('lists lab tests first, then examples, and leaves the library out', () => {
    expect(catalog(glob).map((e) => [e.group, e.name, e.file])).toEqual([
      ['lab-test', 'cow', 'cow.c'],
      ['lab-test', 'fork', 'fork.c'],
      ['example', 'hello', 'hello.c'],
    ]);
  });

  test('puts the MOS lab-4 programs (resources/user/mos) in their own group after the lab tests', () => {
    const groups = catalog({ ...glob, '../../../resources/user/mos/mos_ipc.c': 'ipc' }).map((e) => [e.group, e.name]);
    expect(groups).toEqual([
      ['lab-test', 'cow'],
      ['lab-test', 'fork'],
      ['mos', 'mos_ipc'],
      ['example', 'hello'],
    ]);
  });

  test('shows a newly added example without any code change', () => {
    const names = catalog({ ...glob, '../../../resources/user/examples/mmap_demo.c': '' }).map((e) => e.name);
    expect(names).toContain('mmap_demo');
  });

  test('strips glob prefixes to paths below resources/ and drops build outputs from the source list', () => {
    expect(resourcePath('../../../resources/kernel/mm/vm.c')).toBe('kernel/mm/vm.c');
    expect(sources({ '../../resources/kernel/vm.c': '', '../../resources/kernel/build/gen.h': '' }).map((e) => e.path)).toEqual(['kernel/vm.c']);
  });
});
