"""many-timers: 10,000 fixed-rate tasks at 10 Hz for 5 s, started staggered over the first period."""
import asyncio
import time

import _common

TASKS = 10_000
PERIOD = 100_000_000
SPAN = 5_000_000_000


async def timer(i, t0, started, runs, lateness):
    await asyncio.sleep(i * (PERIOD // TASKS) / 1e9)
    t0[i] = time.monotonic_ns()
    started[i] = True
    due = t0[i]
    while True:
        now = time.monotonic_ns()
        if now < due:
            await asyncio.sleep((due - now) / 1e9)
            continue
        lateness.append(time.monotonic_ns() - due)
        runs[i] += 1
        due = max(time.monotonic_ns(), due + PERIOD)


async def measure():
    t0 = [0] * TASKS
    started = [False] * TASKS
    runs = [0] * TASKS
    lateness = []
    start = time.monotonic_ns()
    cpu = _common.CpuMeter()
    tasks = [asyncio.create_task(timer(i, t0, started, runs, lateness)) for i in range(TASKS)]
    end = start + SPAN
    await asyncio.sleep((end - time.monotonic_ns()) / 1e9)
    cpu_values = cpu.values(len(lateness))
    due = 0
    done = sum(runs)
    for i in range(TASKS):
        begin = t0[i] if started[i] else start + i * (PERIOD // TASKS)
        due += (end - begin) // PERIOD + 1
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    lateness.sort()
    return {"done_percent": 100.0 * done / due,
            "p50_lateness_us": _common.percentile(lateness, 50) / 1e3,
            "p99_lateness_us": _common.percentile(lateness, 99) / 1e3,
            "max_lateness_us": _common.percentile(lateness, 100) / 1e3, **cpu_values}


def measure_once():
    return asyncio.run(measure())


if __name__ == "__main__":
    _common.main(measure_once)
