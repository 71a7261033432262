"""lateness: 1,000 tasks each sleeping 10 ms in a loop for 3 s; how late each wake-up is."""
import asyncio
import time

import _common

TASKS = 1000
SLEEP = 10_000_000
SPAN = 3_000_000_000


async def sleeper(i, lateness):
    await asyncio.sleep(i * (SLEEP // TASKS) / 1e9)
    while True:
        before = time.monotonic_ns()
        await asyncio.sleep(SLEEP / 1e9)
        lateness.append(time.monotonic_ns() - before - SLEEP)


async def measure():
    lateness = []
    cpu = _common.CpuMeter()
    tasks = [asyncio.create_task(sleeper(i, lateness)) for i in range(TASKS)]
    await asyncio.sleep(SPAN / 1e9)
    cpu_values = cpu.values(len(lateness))
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    missed = sum(1 for late in lateness if late >= SLEEP)
    lateness.sort()
    return {"p50_us": _common.percentile(lateness, 50) / 1e3,
            "p99_us": _common.percentile(lateness, 99) / 1e3,
            "max_us": _common.percentile(lateness, 100) / 1e3,
            "missed": missed, "wakes": len(lateness), **cpu_values}


def measure_once():
    return asyncio.run(measure())


if __name__ == "__main__":
    _common.main(measure_once)
