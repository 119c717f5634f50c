"""Run a command as the benchmarks measure it: wall time from just before its fork to its exit (to the
microsecond), its peak RSS and CPU time from wait4. Prints one line on stderr after the command's own output:
@@<wall seconds> <max RSS KiB> <user seconds> <system seconds> <exit code>. Used by bench/process-stats.ts."""
import os
import sys
import time

start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[1], sys.argv[1:])
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
code = os.waitstatus_to_exitcode(status)
sys.stderr.write(f"@@{wall:.6f} {usage.ru_maxrss} {usage.ru_utime:.6f} {usage.ru_stime:.6f} {code}\n")
