import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { LOCAL_SERVERS, infraHome } from '@cashout/distributed';

/** Clock ticks per second of /proc's CPU times: 100 on Linux. */
const TICKS_PER_SECOND = 100;

interface ProcStat {
  ppid: number;
  cpuS: number;
}

function procStat(pid: string): ProcStat | undefined {
  try {
    // The command name, in parentheses, may hold spaces: the fields are counted after it.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return { ppid: Number(fields[1]), cpuS: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND };
  } catch {
    return undefined;
  }
}

/**
 * The CPU seconds used so far by each local server that infra/local/up.sh started (by its
 * pid file, with its child processes: PostgreSQL works in one process per connection).
 * Empty where /proc is not there or the servers are someone else's (explicit URLs).
 */
export function localServersCpu(env: Record<string, string | undefined> = process.env): Map<string, number> {
  const cpu = new Map<string, number>();
  if (!existsSync('/proc/self/stat')) return cpu;
  const pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  for (const server of LOCAL_SERVERS) {
    const pidFile = resolve(infraHome(env), 'run', `${server}.pid`);
    if (!existsSync(pidFile)) continue;
    const leader = Number(readFileSync(pidFile, 'utf8').trim());
    if (!procStat(String(leader))) continue;
    let total = 0;
    for (const pid of pids) {
      const stat = procStat(pid);
      if (stat && (stat.ppid === leader || Number(pid) === leader)) total += stat.cpuS;
    }
    cpu.set(server, total);
  }
  return cpu;
}
