// The lab host says why the machine stopped in English sentences (HostEvent status.reason,
// written in src/lab/host.ts and src/lab/session.ts). The renderer recognises the known ones
// and says them in the UI's language; anything else (an emulator error's own message) is
// shown as it came, since a raw sentence beats none.
import { translate, type Language, type MessageKey } from './messages';
import { translateDebugReason } from '../debugger/messages';

interface Pattern {
  readonly re: RegExp;
  readonly key: MessageKey;
  /** Placeholder names for the capture groups, in order. */
  readonly vars: readonly string[];
}

const PATTERNS: readonly Pattern[] = [
  { re: /^stopped after fork at instruction (\d+)$/, key: 'reason.stoppedFork', vars: ['insn'] },
  { re: /^stopped after fault at instruction (\d+)$/, key: 'reason.stoppedFault', vars: ['insn'] },
  { re: /^stopped after program-fork at instruction (\d+)$/, key: 'reason.stoppedProgramFork', vars: ['insn'] },
  { re: /^stopped after cow-copy at instruction (\d+)$/, key: 'reason.stoppedCowCopy', vars: ['insn'] },
  { re: /^stopped after exit at instruction (\d+)$/, key: 'reason.stoppedExit', vars: ['insn'] },
  { re: /^stopped after ipc at instruction (\d+)$/, key: 'reason.stoppedIpc', vars: ['insn'] },
  { re: /^stopped by the user$/, key: 'reason.stoppedByUser', vars: [] },
  { re: /^stopped at breakpoint (0x[0-9a-f]+)$/, key: 'reason.breakpoint', vars: ['pc'] },
  { re: /^the kernel shut the machine down$/, key: 'reason.shutdown', vars: [] },
  { re: /^the kernel reported a failure \(code (-?\d+)\)$/, key: 'reason.kernelFailure', vars: ['code'] },
  { re: /^tohost = (\d+)$/, key: 'reason.tohost', vars: ['value'] },
  { re: /^the machine is idle with nothing left to wake it$/, key: 'reason.idle', vars: [] },
  { re: /^replayed to instruction (\d+)$/, key: 'reason.replayed', vars: ['insn'] },
  { re: /^the build failed$/, key: 'reason.buildFailed', vars: [] },
];

/** Errors the lab host reports (HostEvent error.message, src/lab/host.ts and src/lab/report.ts). */
const HOST_ERRORS: readonly Pattern[] = [
  { re: /^run a program before exporting the session$/, key: 'err.exportFirst', vars: [] },
  { re: /^the lab host received a malformed request and ignored it$/, key: 'err.malformed', vars: [] },
  { re: /^this is not a ForkLab session file \(it is not JSON\)$/, key: 'err.notJson', vars: [] },
  { re: /^this is not a ForkLab session file \(no "forklab-session" format marker\)$/, key: 'err.noMarker', vars: [] },
  { re: /^this session file is version (\d+), newer than this ForkLab understands \((\d+)\); update ForkLab to open it$/, key: 'err.newer', vars: ['version', 'known'] },
  // The detail (which field, what is wrong) comes from the schema check and stays as written.
  { re: /^the session file is damaged: ([\s\S]*)$/, key: 'err.damaged', vars: ['detail'] },
];

/** Instruction counts are grouped like the status bar's count (3,577,185). */
const GROUPED = new Set(['insn']);

/** The host's stop reason in `lang`; an unknown reason comes back unchanged. */
export function translateReason(lang: Language, reason: string): string {
  return say(PATTERNS, lang, reason);
}

/** A lab host error in `lang`; an unknown one (an emulator's own message) comes back unchanged. */
export function translateHostError(lang: Language, message: string): string {
  return say(HOST_ERRORS, lang, message);
}

function say(patterns: readonly Pattern[], lang: Language, reason: string): string {
  for (const p of patterns) {
    const m = p.re.exec(reason);
    if (!m) continue;
    const vars: Record<string, string> = {};
    p.vars.forEach((name, i) => {
      const raw = m[i + 1]!;
      vars[name] = GROUPED.has(name) ? Number(raw).toLocaleString('en') : raw;
    });
    return translate(lang, p.key, vars);
  }
  return translateDebugReason(lang, reason) ?? reason;
}
