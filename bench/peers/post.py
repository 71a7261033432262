"""post: 4 threads each post 250,000 callbacks into the loop (call_soon_threadsafe); posts/s, none lost."""
import asyncio
import threading
import time

import _common

THREADS = 4
POSTS = 1_000_000


def measure_once():
    loop = asyncio.new_event_loop()
    done = loop.create_future()
    go = threading.Event()
    release = threading.Event()
    all_posted = threading.Barrier(THREADS + 1)
    state = {"ran": 0, "out_of_order": 0}
    last = [-1] * THREADS

    def action(tid, n):
        if n != last[tid] + 1:
            state["out_of_order"] += 1
        last[tid] = n
        state["ran"] += 1

    def poster(tid):
        go.wait()
        for n in range(POSTS // THREADS):
            loop.call_soon_threadsafe(action, tid, n)
        all_posted.wait()
        release.wait()  # a thread that ended would take its CPU time out of the sum

    def closer():
        # After all posters are done, one more post; the loop runs posts in order.
        all_posted.wait()
        loop.call_soon_threadsafe(done.set_result, None)

    threads = [threading.Thread(target=poster, args=(t,)) for t in range(THREADS)]
    threads.append(threading.Thread(target=closer))
    for t in threads:
        t.start()

    async def measure():
        start = time.monotonic_ns()
        cpu = _common.CpuMeter()
        go.set()
        await asyncio.wait_for(done, 120)
        return time.monotonic_ns() - start, cpu.values(POSTS)

    elapsed, cpu_values = loop.run_until_complete(measure())
    release.set()
    for t in threads:
        t.join()
    loop.close()
    lost = POSTS - state["ran"] + state["out_of_order"]
    return {"posts_per_s": POSTS / (elapsed / 1e9), "lost": lost, **cpu_values}


if __name__ == "__main__":
    _common.main(measure_once)
