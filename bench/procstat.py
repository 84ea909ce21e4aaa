#!/usr/bin/env python3
"""Process-tree numbers for bench/run.sh.

  procstat.py pss PID     -> "KIB NPROCS": PSS summed over PID and all its descendants
  procstat.py ticks PID   -> utime + stime (clock ticks) summed over the same tree
"""
import os
import sys


def stat_fields(pid):
    with open(f"/proc/{pid}/stat") as f:
        text = f.read()
    # The command name may contain spaces and parentheses: fields start after the last ')'.
    return text[text.rfind(")") + 2:].split()


def tree(root):
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            ppid = int(stat_fields(entry)[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    pids = [root]
    i = 0
    while i < len(pids):
        pids += children.get(pids[i], [])
        i += 1
    return pids


def pss(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def ticks(pid):
    try:
        fields = stat_fields(pid)
        return int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    except (OSError, IndexError, ValueError):
        return 0


def main():
    what, root = sys.argv[1], int(sys.argv[2])
    pids = tree(root)
    if what == "pss":
        values = [v for v in (pss(p) for p in pids) if v is not None]
        print(sum(values), len(values))
    elif what == "ticks":
        print(sum(ticks(p) for p in pids))
    else:
        sys.exit("usage: procstat.py pss|ticks PID")


if __name__ == "__main__":
    main()
