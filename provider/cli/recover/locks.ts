// The lock a killed `pulumi up` leaves. A self-managed (DIY: file://, s3://, azblob://, gs://)
// backend keeps one lock file per running update under .pulumi/locks/; the CLI refuses to start
// another update while one exists, and its message lists each holder ("<url>: created by
// <user>@<host> (pid <n>) at <time>"). `pulumi cancel` deletes them all (DIY backends, Pulumi
// v3.274.1: CancelCurrentUpdate), and on Pulumi Cloud cancels the update the service still thinks
// is running. Recover runs it only when no holder is provably alive: a holder on this machine whose
// process still runs is an update in progress, not a dead one.
import * as os from "node:os";

export interface LockHolder {
  /** Where the lock file is (the backend's URL, credentials masked by the CLI). */
  where: string;
  user: string;
  host: string;
  pid: number;
  since: string;
}

const diyLocked = /the stack is currently locked by \d+ lock\(s\)/;
const cloudLocked = /Another update is currently in progress/i;

/** Whether a CLI error says the stack is locked by another update. */
export function isLockError(stderr: string): boolean {
  return diyLocked.test(stderr) || cloudLocked.test(stderr);
}

/** The holders a DIY backend's lock message lists (none for Pulumi Cloud, which names none). */
export function lockHolders(stderr: string): LockHolder[] {
  const holders: LockHolder[] = [];
  for (const m of stderr.matchAll(/^\s*(.+?): created by (.*)@([^@\s]*) \(pid (\d+)\) at (\S+)\s*$/gm)) {
    holders.push({ where: m[1], user: m[2], host: m[3], pid: Number(m[4]), since: m[5] });
  }
  return holders;
}

/** Whether a process with this id exists on this machine (EPERM: it exists, owned by someone else). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The first holder that is provably a live update: on this machine, its process still running. */
export function liveHolder(holders: readonly LockHolder[], hostname = os.hostname(), alive: (pid: number) => boolean = processAlive): LockHolder | undefined {
  return holders.find((h) => h.host.toLowerCase() === hostname.toLowerCase() && alive(h.pid));
}

export function describeHolder(h: LockHolder): string {
  return `${h.user}@${h.host}, pid ${h.pid}, since ${h.since}`;
}
