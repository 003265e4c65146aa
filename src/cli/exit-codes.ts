/** Exit codes a pipeline can trust, shared by every command. */
export const ExitCode = {
  /** Everything checked passed. */
  Passed: 0,
  /** Something was checked and found non-conformant. */
  Failed: 1,
  /** Nothing could be judged: bad arguments, unreadable or unparseable input, bad settings. */
  CouldNotRun: 2,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
