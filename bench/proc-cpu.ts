import { readdirSync, readFileSync } from 'node:fs';

/**
 * What benchmarks read of CPU use from /proc (Linux): steadier
 * than a rate, which every process on the machine shares.
 */

/**
 * A /proc/<pid>/stat line's command name and its CPU time so
 * far (user + system) in ms; Linux counts ticks of 1/100 s.
 */
function procStat(pid: number | string): { name: string; cpuMs: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.replace(/^.*\) /, '').split(' ');
  return {
    name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
    cpuMs: (Number(fields[11]) + Number(fields[12])) * 10,
  };
}

/**
 * CPU time (ms) used so far by a process and all its descendants, from /proc (Linux): the server's cost
 * per signature, steadier from run to run than the rate, which the load generator and the database
 * share the machine with.
 */
export function treeCpuMs(pid: number): number {
  const tree = (id: number): number => {
    let sum = procStat(id).cpuMs;
    for (const task of readdirSync(`/proc/${id}/task`)) {
      for (const child of readFileSync(`/proc/${id}/task/${task}/children`, 'utf8').split(' ').filter(Boolean))
        sum += tree(Number(child));
    }
    return sum;
  };
  try {
    return tree(pid);
  } catch {
    return NaN;
  }
}

/**
 * CPU time (ms) used so far by every PostgreSQL process on this machine
 * (the server and its backends): the database's share of the work.
 */
export function postgresCpuMs(): number {
  let sum = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const { name, cpuMs } = procStat(entry);
      if (name === 'postgres') sum += cpuMs;
    } catch {
      /* gone meanwhile */
    }
  }
  return sum;
}
