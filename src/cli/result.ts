/** What a command hands back to the shell: its exit code and what it prints. */
export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}
