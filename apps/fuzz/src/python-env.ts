import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The schemathesis release the fuzzer is written against (its CLI flags and report format). */
export const SCHEMATHESIS_VERSION = '4.32.5';

function run(command: string, args: readonly string[], what: string): string {
  const result = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.error) throw new Error(`${what}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${what} exited with ${result.status}:\n${`${result.stdout}\n${result.stderr}`.trim().slice(-2000)}`);
  return result.stdout;
}

/** The `st` command of the virtual environment, when it is the pinned release. */
function pinnedCli(venv: string): string | undefined {
  const st = resolve(venv, 'bin', 'st');
  if (!existsSync(st)) return undefined;
  const version = spawnSync(st, ['--version'], { encoding: 'utf8' });
  return version.status === 0 && version.stdout.includes(`version ${SCHEMATHESIS_VERSION}`) ? st : undefined;
}

/**
 * A Python virtual environment of the repository's own (`venv`, kept out of git) holding the
 * pinned schemathesis from PyPI: created when missing, reinstalled when its version differs.
 * Returns the path of its `st` command.
 */
export function ensureSchemathesis(venv: string, say: (line: string) => void): string {
  const ready = pinnedCli(venv);
  if (ready) return ready;
  if (!existsSync(resolve(venv, 'bin', 'python'))) {
    say(`python: creating the virtual environment ${venv}`);
    run('python3', ['-m', 'venv', venv], 'python3 -m venv');
  }
  say(`python: installing schemathesis ${SCHEMATHESIS_VERSION} from PyPI`);
  run(
    resolve(venv, 'bin', 'python'),
    ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', `schemathesis==${SCHEMATHESIS_VERSION}`],
    'pip install schemathesis',
  );
  const installed = pinnedCli(venv);
  if (!installed) throw new Error(`schemathesis ${SCHEMATHESIS_VERSION} is not runnable from ${venv} after installing it`);
  return installed;
}
