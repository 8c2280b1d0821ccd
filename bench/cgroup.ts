import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A cgroup v1 pair (memory and cpu controllers) that stands for a small
 * server: processes put in it share its memory limit and its CPU quota, and
 * their children stay in it. Linux only, root only.
 */

const memoryRoot = '/sys/fs/cgroup/memory';
const cpuRoot = '/sys/fs/cgroup/cpu';

export type MemorySample = {
  /** memory.usage_in_bytes: everything charged to the group, page cache included. */
  usage: number;
  /** Anonymous memory and shared memory (PostgreSQL's shared buffers): what cannot be dropped without swap. */
  resident: number;
  /** File pages the group read or wrote (database files, WAL), which the kernel reclaims under the limit. */
  cache: number;
};

export type SmallServer = {
  memoryDir: string;
  cpuDir: string;
  /** A shell prefix that moves the shell into both groups before it `exec`s the command. */
  enter: string;
  sample(): MemorySample;
  /** memory.max_usage_in_bytes: the kernel's own high-water mark since creation. */
  peakUsage(): number;
  /** Starts the high-water mark afresh from the present usage. */
  resetPeak(): void;
  /** How often usage reached the limit (the kernel then reclaimed cache), how often it reached memory+swap, and OOM kills. */
  pressure(): { failcnt: number; memswFailcnt: number; oomKills: number };
  /** Periods in which the group used up its quota and waited. */
  throttling(): { periods: number; throttled: number; throttledMs: number };
  /** Process ids in the group now. */
  pids(): number[];
  remove(): void;
};

/** Why this machine cannot run the benchmark, or undefined when it can. */
export function cannotUseCgroups(): string | undefined {
  if (process.platform !== 'linux') return 'cgroups exist only on Linux';
  if (process.getuid?.() !== 0) return 'run it as root: creating cgroups and starting PostgreSQL as its user need it';
  for (const [root, file] of [
    [memoryRoot, 'memory.limit_in_bytes'],
    [cpuRoot, 'cpu.cfs_quota_us'],
  ] as const) {
    if (!existsSync(join(root, file)))
      return `the cgroup v1 ${root.split('/').at(-1)} controller is not mounted at ${root} (no ${file})`;
  }
  return undefined;
}

const readNumber = (path: string) => Number(readFileSync(path, 'utf8').trim());

/** Creates the groups: `memoryBytes` of memory (swap included when the kernel counts it) and `cores` cores. */
export function createSmallServer(name: string, memoryBytes: number, cores: number): SmallServer {
  const memoryDir = join(memoryRoot, name);
  const cpuDir = join(cpuRoot, name);
  for (const dir of [memoryDir, cpuDir]) {
    // Left behind by a run that was killed: empty it of nothing and start afresh.
    if (existsSync(dir)) rmdirSync(dir);
    mkdirSync(dir);
  }
  const group: SmallServer = {
    memoryDir,
    cpuDir,
    enter: `echo $$ > ${memoryDir}/cgroup.procs && echo $$ > ${cpuDir}/cgroup.procs && exec`,
    sample() {
      const stat = new Map(
        readFileSync(join(memoryDir, 'memory.stat'), 'utf8')
          .trim()
          .split('\n')
          .map((line) => line.split(' ') as [string, string]),
      );
      const field = (key: string) => Number(stat.get(key) ?? 0);
      return {
        usage: readNumber(join(memoryDir, 'memory.usage_in_bytes')),
        resident: field('total_rss') + field('total_shmem'),
        cache: field('total_cache') - field('total_shmem'),
      };
    },
    peakUsage: () => readNumber(join(memoryDir, 'memory.max_usage_in_bytes')),
    resetPeak: () => writeFileSync(join(memoryDir, 'memory.max_usage_in_bytes'), '0'),
    pressure() {
      const oom = /oom_kill (\d+)/.exec(readFileSync(join(memoryDir, 'memory.oom_control'), 'utf8'));
      const memsw = join(memoryDir, 'memory.memsw.failcnt');
      return {
        failcnt: readNumber(join(memoryDir, 'memory.failcnt')),
        memswFailcnt: existsSync(memsw) ? readNumber(memsw) : 0,
        oomKills: Number(oom?.[1] ?? 0),
      };
    },
    throttling() {
      const stat = readFileSync(join(cpuDir, 'cpu.stat'), 'utf8');
      const field = (key: string) => Number(new RegExp(`^${key} (\\d+)`, 'm').exec(stat)?.[1] ?? 0);
      return {
        periods: field('nr_periods'),
        throttled: field('nr_throttled'),
        throttledMs: Math.round(field('throttled_time') / 1e6),
      };
    },
    pids: () => readFileSync(join(memoryDir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean).map(Number),
    remove() {
      for (const dir of [memoryDir, cpuDir]) {
        try {
          if (existsSync(dir)) rmdirSync(dir);
        } catch (error) {
          process.stderr.write(`could not remove ${dir}: ${(error as Error).message}\n`);
        }
      }
    },
  };
  try {
    writeFileSync(join(memoryDir, 'memory.limit_in_bytes'), String(memoryBytes));
    // With memory+swap held to the same figure, swap cannot hide memory beyond the limit.
    const memsw = join(memoryDir, 'memory.memsw.limit_in_bytes');
    if (existsSync(memsw)) writeFileSync(memsw, String(memoryBytes));
    writeFileSync(join(cpuDir, 'cpu.cfs_period_us'), '100000');
    writeFileSync(join(cpuDir, 'cpu.cfs_quota_us'), String(Math.round(cores * 100000)));
  } catch (error) {
    group.remove();
    throw error;
  }
  return group;
}
