"""tasko-rate: 96 fixed-rate tasks, task i at 3*(i+1)+5 Hz, for 2 s; runs against due runs."""
import asyncio
import time

import _common

TASKS = 96
SPAN = 2_000_000_000


def hz(i):
    return 3 * (i + 1) + 5


async def fixed_rate(i, t0, period, runs, lateness):
    """tasko's schedule: run at t0 + k*period; after an overrun start at once and re-anchor."""
    due = t0[i]
    while True:
        now = time.monotonic_ns()
        if now < due:
            await asyncio.sleep((due - now) / 1e9)
            continue  # look again
        lateness.append(time.monotonic_ns() - due)
        runs[i] += 1
        due = max(time.monotonic_ns(), due + period[i])


async def measure():
    t0 = [0] * TASKS
    period = [0] * TASKS
    runs = [0] * TASKS
    lateness = []
    tasks = []

    async def starter():
        for i in range(TASKS):
            period[i] = 1_000_000_000 // hz(i)
            t0[i] = time.monotonic_ns()
            tasks.append(asyncio.create_task(fixed_rate(i, t0, period, runs, lateness)))

    start = time.monotonic_ns()
    cpu = _common.CpuMeter()
    asyncio.create_task(starter())
    end = start + SPAN
    await asyncio.sleep((end - time.monotonic_ns()) / 1e9)
    cpu_values = cpu.values(len(lateness))
    worst = 0
    off = 0
    for i in range(TASKS):
        deviation = abs(runs[i] - ((end - t0[i]) // period[i] + 1))
        worst = max(worst, deviation)
        off += deviation > 1
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    lateness.sort()
    return {"worst_deviation": worst, "tasks_off": off,
            "p50_lateness_us": _common.percentile(lateness, 50) / 1e3,
            "p99_lateness_us": _common.percentile(lateness, 99) / 1e3, **cpu_values}


def measure_once():
    return asyncio.run(measure())


if __name__ == "__main__":
    _common.main(measure_once)
