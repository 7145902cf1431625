import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time used so far by every process of one Chromium instance, grouped by what the thread does, read from Linux's
 * `/proc` (utime + stime, in clock ticks). The page's renderer runs Blink and script on its main thread, composites
 * on `Compositor` and rasters on `ThreadPoolForegroundWorker` / `CompositorTileWorker`; the GPU process runs the
 * display compositor (`VizCompositorThread`) even with `--disable-gpu`.
 */
export const THREAD_GROUPS = [
  'page main thread',
  'page compositor',
  'page raster and pool workers',
  'page other threads',
  'extension process',
  'GPU process (display compositor)',
  'browser process',
  'utility processes',
] as const;
export type ThreadGroup = (typeof THREAD_GROUPS)[number];

const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

interface ProcessInfo {
  pid: number;
  parent: number;
  commandLine: string;
  /** CPU ms of the whole process, its exited threads included. */
  ms: number;
}

/** utime + stime of a `/proc/.../stat` line, in ms; the command name in parentheses may itself hold spaces. */
function statTimes(stat: string): { parent: number; ms: number } {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { parent: Number(fields[1]), ms: (Number(fields[11]) + Number(fields[12])) * TICK_MS };
}

/** A process or thread that exits between the listing and the read is simply not counted. */
function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function processes(): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readOrUndefined(`/proc/${entry}/stat`);
    const commandLine = readOrUndefined(`/proc/${entry}/cmdline`);
    if (stat === undefined || commandLine === undefined) continue;
    found.push({ pid: Number(entry), ...statTimes(stat), commandLine: commandLine.replaceAll('\0', ' ') });
  }
  return found;
}

function rendererGroup(isMain: boolean, threadName: string): ThreadGroup {
  // The main thread keeps the process's name (renaming it would rename the process); `CrRendererMain` is its name in
  // traces only.
  if (isMain) return 'page main thread';
  if (threadName === 'Compositor') return 'page compositor';
  // `comm` is cut at 15 characters: ThreadPoolForeg(roundWorker), CompositorTileW(orker).
  if (threadName.startsWith('ThreadPoolForeg') || threadName.startsWith('CompositorTileW'))
    return 'page raster and pool workers';
  return 'page other threads';
}

function processGroup(commandLine: string): ThreadGroup | 'renderer' {
  const type = /--type=([\w-]+)/.exec(commandLine)?.[1];
  if (type === undefined) return 'browser process';
  if (type === 'renderer') return commandLine.includes('--extension-process') ? 'extension process' : 'renderer';
  if (type === 'gpu-process') return 'GPU process (display compositor)';
  return 'utility processes';
}

/**
 * CPU ms per group of the browser started with `userDataDir`, and of all its child processes. A renderer's time
 * is split by thread; what its exited threads used (a pool worker let go after idling) counts as "other".
 */
export function browserCpu(userDataDir: string): Record<ThreadGroup, number> {
  const all = processes();
  const members = new Set(
    all
      .filter((p) => p.commandLine.includes(`--user-data-dir=${userDataDir}`) && !p.commandLine.includes('--type='))
      .map((p) => p.pid),
  );
  if (members.size === 0) throw new Error(`No browser process runs with the profile ${userDataDir}`);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all)
      if (!members.has(p.pid) && members.has(p.parent)) {
        members.add(p.pid);
        grew = true;
      }
  }
  const used = Object.fromEntries(THREAD_GROUPS.map((group) => [group, 0])) as Record<ThreadGroup, number>;
  for (const p of all) {
    if (!members.has(p.pid)) continue;
    const group = processGroup(p.commandLine);
    if (group !== 'renderer') {
      used[group] += p.ms;
      continue;
    }
    let threads = 0;
    let listed: string[] = [];
    try {
      listed = readdirSync(`/proc/${p.pid}/task`);
    } catch {
      continue;
    }
    for (const thread of listed) {
      const threadStat = readOrUndefined(`/proc/${p.pid}/task/${thread}/stat`);
      const name = readOrUndefined(`/proc/${p.pid}/task/${thread}/comm`)?.trim();
      if (threadStat === undefined || name === undefined) continue;
      const ms = statTimes(threadStat).ms;
      used[rendererGroup(thread === String(p.pid), name)] += ms;
      threads += ms;
    }
    used['page other threads'] += Math.max(0, p.ms - threads);
  }
  return used;
}
