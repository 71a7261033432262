"""idle: only a heartbeat task (on 50, off 100, on 100, off 750 ms) for 20 s; CPU and loop wake-ups."""
import asyncio
import time

import _common

PATTERN = [0.050, 0.100, 0.100, 0.750]
JIT_WARMUP = 3.0  # the same fast heartbeat as the Java side's JIT warm-up, for symmetry
WARMUP = 2.0
WINDOW = 20.0
SLEEPING = 5.0  # after the window, the loop closed: what the process does asleep


async def heartbeat(edges, led, lateness=None, speed=1):
    while True:
        for i, seconds in enumerate(PATTERN):
            led[0] = i % 2 == 0
            edges[0] += 1
            measured = lateness is not None and lateness[0]  # decided when the sleep begins, as in Java
            before = time.monotonic_ns()
            await asyncio.sleep(seconds / speed)
            if measured:
                lateness.append(time.monotonic_ns() - before - round(seconds * 1e9))


async def fast_heartbeat():
    task = asyncio.create_task(heartbeat([0], [False], speed=100))
    await asyncio.sleep(JIT_WARMUP)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)


def measure_once():
    asyncio.run(fast_heartbeat())
    loop = asyncio.new_event_loop()
    waits = [0]
    selector = loop._selector
    select = selector.select

    def counting_select(timeout=None):
        # A wait that may block: the loop's equivalent of the Java driver's idle park.
        if timeout is None or timeout > 0:
            waits[0] += 1
        return select(timeout)

    selector.select = counting_select
    edges = [0]
    lateness = [False]  # the first element switches recording on
    task = loop.create_task(heartbeat(edges, [False], lateness))
    loop.run_until_complete(asyncio.sleep(WARMUP))
    edges0, waits0, cpu0 = edges[0], waits[0], _common.cpu_nanos()
    thread_wakeups0 = _common.thread_wakeups()
    lateness[0] = True
    loop.run_until_complete(asyncio.sleep(WINDOW))
    thread_wakeups = _common.thread_wakeups() - thread_wakeups0
    cpu = _common.cpu_nanos() - cpu0
    wakeups = waits[0] - waits0
    edge_count = edges[0] - edges0
    task.cancel()
    loop.run_until_complete(asyncio.gather(task, return_exceptions=True))
    loop.close()
    sleeping0 = _common.thread_wakeups()
    time.sleep(SLEEPING)
    sleeping = (_common.thread_wakeups() - sleeping0) / SLEEPING
    samples = sorted(lateness[1:])
    return {"cpu_percent": 100.0 * cpu / (WINDOW * 1e9), "cpu_ns_per_unit": cpu / edge_count,
            "wakeups_per_s": wakeups / WINDOW,
            "edges_per_s": edge_count / WINDOW, "extra_wakeups_per_s": (wakeups - edge_count) / WINDOW,
            "thread_wakeups_per_s": thread_wakeups / WINDOW, "sleeping_thread_wakeups_per_s": sleeping,
            "thread_wakeups_per_edge": (thread_wakeups / WINDOW - sleeping) / (edge_count / WINDOW),
            "edge_p50_us": _common.percentile(samples, 50) / 1e3, "edge_p99_us": _common.percentile(samples, 99) / 1e3}


if __name__ == "__main__":
    _common.main(measure_once)
