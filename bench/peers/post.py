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
    state = {"ran": 0, "out_of_order": 0}
    last = [-1] * THREADS

    def action(tid, n):
        if n != last[tid] + 1:
            state["out_of_order"] += 1
        last[tid] = n
        state["ran"] += 1
        if state["ran"] == POSTS:
            done.set_result(None)

    def poster(tid):
        go.wait()
        for n in range(POSTS // THREADS):
            loop.call_soon_threadsafe(action, tid, n)

    threads = [threading.Thread(target=poster, args=(t,)) for t in range(THREADS)]
    for t in threads:
        t.start()

    async def measure():
        start = time.monotonic_ns()
        go.set()
        await asyncio.wait_for(done, 120)
        return time.monotonic_ns() - start

    elapsed = loop.run_until_complete(measure())
    for t in threads:
        t.join()
    loop.close()
    lost = POSTS - state["ran"] + state["out_of_order"]
    return {"posts_per_s": POSTS / (elapsed / 1e9), "lost": lost}


if __name__ == "__main__":
    _common.main(measure_once)
