"""memory: RSS per task with 100,000 tasks asleep. Run once per process, like the Java side."""
import asyncio
import gc
import subprocess
import sys

import _common

TASKS = 100_000
WARMUP_TASKS = 20_000
WARMUP_ROUNDS = 25


async def all_asleep(count, prefix):
    """Starts count tasks that each sleep for an hour; returns them once all are asleep."""
    asleep = [0]

    async def sleeper():
        asleep[0] += 1
        await asyncio.sleep(3600)

    tasks = [asyncio.create_task(sleeper(), name=f"{prefix}{i}") for i in range(count)]
    while asleep[0] < count:
        await asyncio.sleep(0.01)
    return tasks


async def cancel(tasks):
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


async def measure():
    fixed = _common.rss_bytes()  # before any task: the interpreter and its modules
    # The same warm-up as the Java side: rounds of tasks that fall asleep and are cancelled.
    for _ in range(WARMUP_ROUNDS):
        await cancel(await all_asleep(WARMUP_TASKS, "warm-"))
    await asyncio.sleep(0.5)
    gc.collect()
    before = _common.rss_bytes()
    cpu = _common.CpuMeter()
    tasks = await all_asleep(TASKS, "sleeper-")
    cpu_per_task = cpu.values(TASKS)["cpu_ns_per_unit"]
    gc.collect()
    after = _common.rss_bytes()
    await cancel(tasks)
    return {"rss_per_task_b": (after - before) / TASKS, "fixed_rss_b": fixed, "cpu_ns_per_unit": cpu_per_task}


def measure_once():
    if "--one" in sys.argv:
        return asyncio.run(measure())
    # A process's RSS does not shrink back, so each run gets a fresh interpreter.
    out = subprocess.run([sys.executable, __file__, "--one"], check=True, capture_output=True, text=True).stdout
    return _common.json.loads(out)


if __name__ == "__main__":
    if "--one" in sys.argv:
        print(_common.json.dumps(asyncio.run(measure())))
    else:
        _common.main(measure_once)
