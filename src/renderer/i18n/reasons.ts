// The lab host says why the machine stopped in English sentences (HostEvent status.reason,
// written in src/lab/host.ts and src/lab/session.ts). The renderer recognises the known ones
// and says them in the UI's language; anything else (an emulator error's own message) is
// shown as it came, since a raw sentence beats none.
import { translate, type Language, type MessageKey } from './messages';

interface Pattern {
  readonly re: RegExp;
  readonly key: MessageKey;
  /** Placeholder names for the capture groups, in order. */
  readonly vars: readonly string[];
}

const PATTERNS: readonly Pattern[] = [
  { re: /^stopped after fork at instruction (\d+)$/, key: 'reason.stoppedFork', vars: ['insn'] },
  { re: /^stopped after fault at instruction (\d+)$/, key: 'reason.stoppedFault', vars: ['insn'] },
  { re: /^the kernel shut the machine down$/, key: 'reason.shutdown', vars: [] },
  { re: /^the kernel reported a failure \(code (-?\d+)\)$/, key: 'reason.kernelFailure', vars: ['code'] },
  { re: /^tohost = (\d+)$/, key: 'reason.tohost', vars: ['value'] },
  { re: /^the machine is idle with nothing left to wake it$/, key: 'reason.idle', vars: [] },
  { re: /^replayed to instruction (\d+)$/, key: 'reason.replayed', vars: ['insn'] },
  { re: /^the build failed$/, key: 'reason.buildFailed', vars: [] },
];

/** Instruction counts are grouped like the status bar's count (3,577,185). */
const GROUPED = new Set(['insn']);

/** The host's stop reason in `lang`; an unknown reason comes back unchanged. */
export function translateReason(lang: Language, reason: string): string {
  for (const p of PATTERNS) {
    const m = p.re.exec(reason);
    if (!m) continue;
    const vars: Record<string, string> = {};
    p.vars.forEach((name, i) => {
      const raw = m[i + 1]!;
      vars[name] = GROUPED.has(name) ? Number(raw).toLocaleString('en') : raw;
    });
    return translate(lang, p.key, vars);
  }
  return reason;
}
