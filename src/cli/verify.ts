import { readFileSync } from 'node:fs';
import { runVerify } from './verify-run';

const result = runVerify(process.argv.slice(2), {
  env: process.env,
  readFile: (path) => readFileSync(path, 'utf8'),
});
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
process.exitCode = result.exitCode;
