"""switch: 100 tasks each yield 10,000 times; switches/s = 1,000,000 / the time until the last is done."""
import asyncio
import time

import _common

TASKS = 100
SWITCHES = 1_000_000


async def yielder():
    for _ in range(SWITCHES // TASKS):
        await asyncio.sleep(0)


async def all_tasks():
    start = time.monotonic_ns()
    cpu = _common.CpuMeter()
    await asyncio.gather(*(yielder() for _ in range(TASKS)))
    return time.monotonic_ns() - start, cpu.values(SWITCHES)


def measure_once():
    elapsed, cpu_values = asyncio.run(all_tasks())
    return {"switches_per_s": SWITCHES / (elapsed / 1e9), **cpu_values}


if __name__ == "__main__":
    _common.main(measure_once)
