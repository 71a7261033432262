"""Shared by the asyncio peers: arguments, statistics and the one-line JSON report.

Each peer does the same work as its Perthensis benchmark and reports the same keys, measured
the same way: monotonic nanoseconds, nearest-rank percentiles, /proc for memory and CPU.
"""
import argparse
import json
import math
import os
import sys
import time


def percentile(sorted_values, p):
    """The nearest-rank percentile: the smallest sample with at least p percent at or below it."""
    if not sorted_values:
        return 0
    rank = math.ceil(p / 100 * len(sorted_values))
    return sorted_values[max(0, min(len(sorted_values), rank) - 1)]


def rss_bytes():
    """Resident set size: VmRSS in /proc/self/status."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS line in /proc/self/status")


def cpu_nanos():
    """CPU time of every thread of this process: the first field of /proc/self/task/*/schedstat."""
    total = 0
    for tid in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{tid}/schedstat") as f:
                total += int(f.read().split()[0])
        except OSError:
            pass  # the thread ended while we looked
    return total


def thread_wakeups():
    """Voluntary context switches of every thread: /proc/self/task/*/status, as the Java side reads them."""
    total = 0
    for tid in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{tid}/status") as f:
                for line in f:
                    if line.startswith("voluntary_ctxt_switches:"):
                        total += int(line.split()[1])
        except OSError:
            pass  # the thread ended while we looked
    return total


class CpuMeter:
    """Process CPU from its creation until values(), read as the Java side's CpuMeter reads it."""

    def __init__(self):
        self.cpu0 = cpu_nanos()
        self.wall0 = time.monotonic_ns()

    def values(self, units):
        """The CPU so far as a share of one core (cpu_percent) and per unit of work (cpu_ns_per_unit)."""
        cpu = cpu_nanos() - self.cpu0
        wall = time.monotonic_ns() - self.wall0
        return {"cpu_percent": 100.0 * cpu / wall, "cpu_ns_per_unit": cpu / units if units else None}


def main(measure_once):
    """Runs the warm-ups, then the measured runs; prints each run on stderr and the report on stdout."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--warmups", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    for _ in range(args.warmups):
        measure_once()
    runs = []
    for i in range(args.runs):
        values = measure_once()
        print(f"   asyncio run {i + 1}/{args.runs}: {json.dumps(values)}", file=sys.stderr, flush=True)
        runs.append(values)
    print(json.dumps({"runs": runs}))
