/**
 * The shape every CLI command module in `api/cli/commands/` exports.
 * The dispatcher discovers the modules by file name, so adding a command never touches main.ts.
 */
export interface CliCommand {
  /** One line for `--help`. */
  summary: string;
  /** Full usage text printed by `cli <command> --help` and after argument errors. */
  usage: string;
  /** Runs the command. Throw CliError for bad arguments or data; never call process.exit. */
  run(argv: string[]): Promise<void>;
}

/** An error the user can fix: printed to stderr without a stack trace, exit code 2. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
    this.name = 'CliError';
  }
}
