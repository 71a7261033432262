"""Peer of the mqtt benchmark: the same events through paho-mqtt (Debian's python3-paho-mqtt).

Publishes the JSON an mqtt task publishes for an event, {"topic","time","payload":{"run","n","t"}},
to the broker on $PERTHENSIS_BENCH_MQTT_PORT, to bench/data: 50,000 at QoS 0 as fast as paho takes
them, the same at QoS 1 with each message first appended to a file (buffered, forced once a second,
as the journal's default sync 1s keeps it), then 3,000 of each paced at 1000/s. The benchmark's
subscriber (MqttSink) times them and answers on bench/done, as for the Perthensis side.
"""
import json
import os
import shutil
import tempfile
import threading
import time
from datetime import datetime, timezone

try:
    import paho.mqtt.client as mqtt
except ImportError:
    raise SystemExit("peers/mqtt.py: no paho-mqtt; apt-get install python3-paho-mqtt")

from _common import main

COUNT = 50_000
PACED = 3_000
PORT = int(os.environ.get("PERTHENSIS_BENCH_MQTT_PORT", "1883"))
_runs = [0]


class Control:
    """Tells the subscriber what comes and hears its answer."""

    def __init__(self):
        self.answers = {}
        self.cond = threading.Condition()
        self.client = mqtt.Client(client_id="bench-control-py", protocol=mqtt.MQTTv5)
        self.client.on_message = self._message
        self.client.connect("127.0.0.1", PORT)
        self.client.loop_start()
        self.client.subscribe("bench/done", qos=1)
        time.sleep(0.2)

    def _message(self, client, userdata, message):
        answer = json.loads(message.payload)
        with self.cond:
            self.answers[answer["run"]] = answer
            self.cond.notify_all()

    def expect(self, run, count):
        self.client.publish("bench/control", json.dumps({"run": run, "count": count}, separators=(",", ":")),
                            qos=1).wait_for_publish()

    def answer(self, run, timeout=300):
        with self.cond:
            if not self.cond.wait_for(lambda: run in self.answers, timeout):
                raise RuntimeError("no answer from the subscriber for " + run)
            return self.answers.pop(run)

    def close(self):
        self.client.loop_stop()
        self.client.disconnect()


class Journal:
    """Each message appended to a file before it is sent, forced at most once a second."""

    def __init__(self, directory):
        self.file = open(os.path.join(directory, "journal"), "ab", buffering=64 * 1024)
        self.forced = time.monotonic()

    def append(self, data):
        self.file.write(len(data).to_bytes(4, "little"))
        self.file.write(data)
        now = time.monotonic()
        if now - self.forced >= 1:
            self.file.flush()
            os.fsync(self.file.fileno())
            self.forced = now

    def close(self):
        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()


def run(control, qos, journaled, paced):
    _runs[0] += 1
    run_id = f"py{_runs[0]}"
    count = PACED if paced else COUNT
    connected = threading.Event()
    client = mqtt.Client(client_id="bench-pub-" + run_id, protocol=mqtt.MQTTv5)
    client.max_inflight_messages_set(500)
    client.max_queued_messages_set(0)
    client.on_connect = lambda c, u, f, rc, p=None: connected.set()
    client.connect("127.0.0.1", PORT, keepalive=60)
    client.loop_start()
    connected.wait(30)
    directory = tempfile.mkdtemp(prefix="perthensis-bench-mqtt-py")
    journal = Journal(directory) if journaled else None
    try:
        control.expect(run_id, count)
        cpu0 = time.process_time_ns()
        t0 = time.monotonic_ns()
        due = t0
        for n in range(1, count + 1):
            if paced:
                due += 1_000_000
                delay = due - time.monotonic_ns()
                if delay > 0:
                    time.sleep(delay / 1e9)
            message = {"topic": "data", "time": datetime.now(timezone.utc).isoformat(),
                       "payload": {"run": run_id, "n": n, "t": time.monotonic_ns()}}
            data = json.dumps(message, separators=(",", ":")).encode()
            if journal:
                journal.append(data)
            client.publish("bench/data", data, qos=qos)
        answer = control.answer(run_id)
        cpu = time.process_time_ns() - cpu0
        return count * 1e9 / (answer["last"] - t0), cpu / count, answer["p50"], answer["p99"]
    finally:
        if journal:
            journal.close()
        shutil.rmtree(directory, ignore_errors=True)
        client.loop_stop()
        client.disconnect()


def measure_once():
    control = Control()
    try:
        rate0, cpu0, _, _ = run(control, 0, False, False)
        _, _, p50_0, p99_0 = run(control, 0, False, True)
        rate1, cpu1, _, _ = run(control, 1, True, False)
        _, _, p50, p99 = run(control, 1, True, True)
    finally:
        control.close()
    return {"qos1_per_s": rate1, "qos0_per_s": rate0, "qos1_cpu_ns": cpu1, "qos0_cpu_ns": cpu0,
            "qos1_p50_us": p50 / 1e3, "qos1_p99_us": p99 / 1e3, "qos0_p50_us": p50_0 / 1e3, "qos0_p99_us": p99_0 / 1e3}


if __name__ == "__main__":
    main(measure_once)
