// The kernel and user-library sources bundled with the app (session/resources.ts), found by
// the debugger's file names: /forklab/kernel/<path> and /forklab/lib/<name>.
import { KERNEL_SOURCE_PREFIX, USER_LIBRARY_PREFIX } from '../../common/debug';
import { kernelFiles, userFiles } from '../session/resources';

/** The read-only file to show for a debugger file name outside the session, if it is bundled. */
export function readonlySource(file: string): { path: string; text: string } | null {
  const path = file.startsWith(KERNEL_SOURCE_PREFIX)
    ? `kernel/${file.slice(KERNEL_SOURCE_PREFIX.length)}`
    : file.startsWith(USER_LIBRARY_PREFIX)
      ? `user/lib/${file.slice(USER_LIBRARY_PREFIX.length)}`
      : null;
  if (path === null) return null;
  const text = (path.startsWith('kernel/') ? kernelFiles : userFiles)[`../../../resources/${path}`];
  return text === undefined ? null : { path, text };
}
