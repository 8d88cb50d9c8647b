// Report-export figures for `forklab bench` (docs/perf.md, "Lab reports"), one JSON line each,
// on the time-travel bench's recorded run (about 100 M instructions), for three bookmarks at a
// third, two thirds and the end of it:
//   report-moments-runner-ms  wall time to take their models and consoles from the live run's
//                             checkpoints and come back (what the app's export does)
//   report-moments-replay-ms  the same from a fresh replay from boot (what the CLI does, and
//                             what the app did before)
// Wall time, because that is what a student waits for after pressing Export report.
import { momentsFromRunner, replayMoments } from '../lab/report-replay';
import type { Runner } from '../lab/runner';
import type { SessionOptions } from '../lab/session';

export function benchReportMoments(line: (l: object) => void, runner: Runner, options: SessionOptions): void {
  const end = runner.insn;
  const instants = [Math.floor(end / 3), Math.floor((2 * end) / 3), end - 1];
  let t = performance.now();
  const live = momentsFromRunner(runner, instants);
  const liveMs = performance.now() - t;
  t = performance.now();
  const fresh = replayMoments(options, instants);
  const freshMs = performance.now() - t;
  if (!live.ok || !fresh.ok) throw new Error(`report moments failed: ${live.ok ? '' : live.error} ${fresh.ok ? '' : fresh.error}`);
  if (JSON.stringify(live.moments.map((m) => m.model)) !== JSON.stringify(fresh.moments.map((m) => m.model))) throw new Error('the two ways gave different models');
  line({ bench: 'report-moments-runner-ms', value: Math.round(liveMs), unit: 'ms' });
  line({ bench: 'report-moments-replay-ms', value: Math.round(freshMs), unit: 'ms' });
}
