/**
 * Node's own errors (files, folders, ports) reach the CLI as plain Errors with a `code`. They are
 * bad input or a busy machine, not bugs: one sentence each, exit 2, never "internal error".
 */
const EXPLAINED: Record<string, (subject: string) => string> = {
  EADDRINUSE: (subject) => `the address ${subject} is already in use: choose another --port.`,
  EADDRNOTAVAIL: (subject) => `the address ${subject} is not on this machine: check --host.`,
  EACCES: (subject) => `permission denied for ${subject}.`,
  EPERM: (subject) => `operation not permitted on ${subject}.`,
  ENOTDIR: (subject) => `${subject}: a part of this path is a file, not a folder.`,
  EISDIR: (subject) => `${subject} is a folder, not a file.`,
  ENOENT: (subject) => `${subject} does not exist.`,
  EEXIST: (subject) => `${subject} already exists.`,
  ENOSPC: (subject) => `no space left on the disk for ${subject}.`,
  EROFS: (subject) => `${subject} is on a read-only file system.`,
  EMFILE: () => "too many open files on this machine: try again with fewer runs at once.",
};

interface SystemError {
  code: string;
  path?: string;
  address?: string;
  port?: number;
  syscall?: string;
}

function isSystemError(error: unknown): error is Error & SystemError {
  return (
    error instanceof Error &&
    typeof (error as Partial<SystemError>).code === "string" &&
    ((error as Partial<SystemError>).code as string) in EXPLAINED
  );
}

/** One line for a Node system error, or undefined when the error is something else (a bug). */
export function systemErrorLine(error: unknown): string | undefined {
  if (!isSystemError(error)) return undefined;
  const subject =
    error.path ??
    (error.address !== undefined
      ? `${error.address}${error.port !== undefined ? `:${error.port}` : ""}`
      : (error.syscall ?? "the operation"));
  return `${EXPLAINED[error.code]?.(subject)} (${error.code})`;
}
