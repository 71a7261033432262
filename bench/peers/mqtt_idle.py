"""Peer of the mqtt-idle benchmark: paho-mqtt (Debian's python3-paho-mqtt) connected and idle.

A paho client connects to the broker on $PERTHENSIS_BENCH_MQTT_PORT (MQTT 5, loop_start, keepalive
5, a retained status and its will), 5 s to settle, then a 20 s window. Wake-ups: the third field of
/proc/self/task/*/schedstat, by thread: the client's (paho's loop thread) and the main thread's
(asleep); in a second 20 s window, bursts of the client's, sampled every 100 ms by a thread of
the benchmark. CPU: the first field, every thread.
"""
import os
import threading
import time

import paho.mqtt.client as mqtt

import _common

KEEP_ALIVE = 5
SETTLE = 5.0
WINDOW = 20.0
PORT = int(os.environ.get("PERTHENSIS_BENCH_MQTT_PORT", "1883"))
_runs = [0]


def threads():
    """Each thread's (CPU nanoseconds, times put on a CPU), by thread id: schedstat's first and third fields."""
    stats = {}
    for tid in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{tid}/schedstat") as f:
                fields = f.read().split()
                stats[int(tid)] = (int(fields[0]), int(fields[2]))
        except OSError:
            pass  # the thread ended while we looked
    return stats


class Sampler:
    """Reads the client threads' counts every 100 ms; an increase after 0.5 s without one is a burst."""

    def __init__(self, tids):
        self.tids = tids
        self.bursts = 0
        self.on = True
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _count(self):
        stats = threads()
        return sum(stats.get(tid, (0, 0))[1] for tid in self.tids)

    def _run(self):
        last, last_change = self._count(), -1e18
        while self.on:
            time.sleep(0.1)
            now = self._count()
            if now != last:
                t = time.monotonic_ns()
                if t - last_change >= 500_000_000:
                    self.bursts += 1
                last_change, last = t, now

    def stop(self):
        self.on = False
        self.thread.join()
        return self.bursts


def measure_once():
    _runs[0] += 1
    connected = threading.Event()
    client = mqtt.Client(client_id=f"bench-idle-py{_runs[0]}", protocol=mqtt.MQTTv5)
    client.on_connect = lambda c, u, f, rc, p=None: connected.set()
    client.will_set("bench/idle/status", "offline", qos=1, retain=True)
    client.connect("127.0.0.1", PORT, keepalive=KEEP_ALIVE)
    client.loop_start()
    if not connected.wait(30):
        raise RuntimeError("paho did not connect within 30 s")
    client.publish("bench/idle/status", "online", qos=1, retain=True)
    time.sleep(SETTLE)
    before = threads()
    main = os.getpid()
    time.sleep(WINDOW)
    after = threads()
    sampler = Sampler([tid for tid in before if tid != main])  # a second window, as on the Java side
    time.sleep(WINDOW)
    bursts = sampler.stop()
    client.publish("bench/idle/status", "offline", qos=1, retain=True).wait_for_publish()
    client.disconnect()
    client.loop_stop()
    cpu = sum(c - before.get(tid, (0, 0))[0] for tid, (c, _) in after.items())
    client_wakeups = sum(n - before.get(tid, (0, 0))[1] for tid, (_, n) in after.items() if tid != main)
    runtime = after[main][1] - before[main][1]
    return {"client_wakeups_per_ping": client_wakeups / (WINDOW / KEEP_ALIVE),
            "client_bursts_per_ping": bursts / (WINDOW / KEEP_ALIVE),
            "runtime_wakeups_per_s": runtime / WINDOW, "process_wakeups_per_s": (client_wakeups + runtime) / WINDOW,
            "cpu_percent": 100.0 * cpu / (WINDOW * 1e9)}


if __name__ == "__main__":
    _common.main(measure_once)
