// The typed AST shared by the parser and the code generator.
// Every expression node carries its C type once the parser has built it (addType), so codegen
// never has to infer anything. Objects (Obj) are variables and functions; locals get their
// frame offsets in codegen.

import type { Token } from './lexer';
import type { Type } from './types';

export type NodeKind =
  | 'nullExpr'  // empty expression
  | 'add'       // +
  | 'sub'       // -
  | 'mul'       // *
  | 'div'       // /
  | 'mod'       // %
  | 'neg'       // unary -
  | 'bitand'    // &
  | 'bitor'     // |
  | 'bitxor'    // ^
  | 'shl'       // <<
  | 'shr'       // >>
  | 'eq'        // ==
  | 'ne'        // !=
  | 'lt'        // <
  | 'le'        // <=
  | 'assign'    // =
  | 'cond'      // ?:
  | 'comma'     // ,
  | 'member'    // . (struct member access)
  | 'addr'      // unary &
  | 'deref'     // unary *
  | 'not'       // !
  | 'bitnot'    // ~
  | 'logand'    // &&
  | 'logor'     // ||
  | 'return'    // "return"
  | 'if'        // "if"
  | 'for'       // "for" or "while"
  | 'do'        // "do"
  | 'switch'    // "switch"
  | 'case'      // "case"
  | 'block'     // { ... }
  | 'goto'      // "goto"
  | 'label'     // labeled statement
  | 'funcall'   // function call
  | 'exprStmt'  // expression statement
  | 'stmtExpr'  // statement expression (gcc)
  | 'var'       // variable
  | 'num'       // integer or floating constant
  | 'cast'      // type cast
  | 'memzero'   // zero-clear a stack variable
  | 'vlaAlloc'  // allocate a variable-length array on the stack
  | 'vaStart'   // __builtin_va_start
  | 'vaArg'     // __builtin_va_arg: address of the next argument
  | 'break'     // "break"
  | 'continue'; // "continue"

export interface Obj {
  name: string;
  ty: Type;
  tok?: Token;
  isLocal: boolean;
  /** Frame offset from s0 (negative) for locals, set by codegen. */
  offset: number;
  align: number;
  // globals and functions
  isFunction: boolean;
  isDefinition: boolean;
  isStatic: boolean;
  isTentative?: boolean;
  initData?: Uint8Array;
  relocs?: Relocation[];
  isReadonly?: boolean;
  isStringLiteral?: boolean;
  // functions
  params?: Obj[];
  body?: Node;
  locals?: Obj[];
  /** Hidden pointer parameter for large struct returns. */
  retBuffer?: Obj;
  /**
   * Declared only `inline` (no `static`/`extern`): C99 emits no external definition for it; ForkLab
   * keeps the body as a file-local function, so calls link and several files can include it.
   */
  inlineOnly?: boolean;
  /** Set when the function's address is taken or it is called (for unused-static checks). */
  isUsed?: boolean;
  /** Local was assigned or had its address taken before a read (uninitialized-use warning). */
  isInitialized?: boolean;
  warnedUninit?: boolean;
  /** A variable-length array: the slot holds a pointer to stack memory allocated at run time. */
  isVla?: boolean;
  /** The stack pointer saved before a VLA allocation (zeroed at function entry). */
  isVlaSave?: boolean;
  /** Named in an expression somewhere (the unused-variable warning). */
  isReferenced?: boolean;
  /** Loop nesting depth at the declaration (uninitialized-use warning). */
  declLoopDepth?: number;
}

export interface Relocation {
  offset: number;
  label: string;
  addend: bigint;
}

export interface Node {
  kind: NodeKind;
  tok: Token;
  ty?: Type;
  lhs?: Node;
  rhs?: Node;
  // if / for / while / ?:
  cond?: Node;
  then?: Node;
  els?: Node;
  init?: Node;
  inc?: Node;
  /** Block, statement expression. */
  body?: Node[];
  // break / continue targets
  brkLabel?: string;
  contLabel?: string;
  // member access
  member?: import('./types').Member;
  // function call
  funcTy?: Type;
  args?: Node[];
  /** Temporary that receives a struct return value. */
  retBuffer?: Obj;
  // goto and labels
  label?: string;
  uniqueLabel?: string;
  // switch
  cases?: Node[];
  defaultCase?: Node;
  /** The switch has a `case a ... b` range. */
  hasRanges?: boolean;
  /** case range low..high (gcc extension: case 1 ... 3). */
  begin?: bigint;
  end?: bigint;
  /** An assignment made by an initializer (const objects may be initialized). */
  isInit?: boolean;
  // variable
  obj?: Obj;
  /** Type read by __builtin_va_arg. */
  argTy?: Type;
  // constant
  val?: bigint;
  fval?: number;
}

/**
 * Every node has every field, in one order, so all nodes share one hidden class in V8: the
 * parser and code generator read node.lhs, node.ty... on every node, and with fields added in
 * whatever order each construct sets them those reads were megamorphic (measured: the compiler
 * ran ~1.4x slower, docs/perf.md). Absent fields are undefined, as before.
 */
export function newNode(kind: NodeKind, tok: Token): Node {
  return {
    kind, tok, ty: undefined, lhs: undefined, rhs: undefined, cond: undefined, then: undefined, els: undefined,
    init: undefined, inc: undefined, body: undefined, brkLabel: undefined, contLabel: undefined, member: undefined,
    funcTy: undefined, args: undefined, retBuffer: undefined, label: undefined, uniqueLabel: undefined, cases: undefined,
    defaultCase: undefined, hasRanges: undefined, begin: undefined, end: undefined, isInit: undefined, obj: undefined,
    argTy: undefined, val: undefined, fval: undefined,
  };
}
