"""startup, the fair peer: reads the same config file as the Perthensis launch, checks each task
entry as the runtime does in outline (an object with a type and a name, the durations read),
starts one asyncio task per entry, and the first task body prints the line the bench waits for.

Usage: python3 startup_config.py perthensis.json
"""
import asyncio
import json
import re
import sys

MARKER = "bench-probe: first task body ran"
DURATION = re.compile(r"^(\d+(?:\.\d+)?)(ns|us|ms|s|min|h|d)$")
UNITS = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1, "min": 60, "h": 3600, "d": 86400}


def seconds(text):
    """A duration such as "250ms" or "6h" in seconds (one unit each: enough for the shipped config)."""
    m = DURATION.match(text)
    if not m:
        raise ValueError(f"expected a duration such as \"250ms\", got {text!r}")
    return float(m.group(1)) * UNITS[m.group(2)]


def durations(value):
    """Every string in the entry that reads as a duration, read: as the runtime binds its Duration fields."""
    if isinstance(value, dict):
        for v in value.values():
            durations(v)
    elif isinstance(value, list):
        for v in value:
            durations(v)
    elif isinstance(value, str) and DURATION.match(value):
        seconds(value)


async def probe():
    print(MARKER, flush=True)
    await asyncio.sleep(3600)  # the bench ends the process once it has seen the line


async def task(entry):
    await asyncio.sleep(3600)


async def main(path):
    with open(path, encoding="utf-8") as f:
        config = json.load(f)
    tasks = config["tasks"]
    names = set()
    for i, entry in enumerate(tasks):
        if not isinstance(entry, dict) or not isinstance(entry.get("type"), str):
            raise SystemExit(f"{path}: $.tasks[{i}]: expected an object with a \"type\"")
        name = entry.get("name", f"{entry['type']}-{i}")
        if name in names:
            raise SystemExit(f"{path}: $.tasks[{i}]: duplicate task name {name!r}")
        names.add(name)
        durations(entry)
    running = [asyncio.create_task(probe() if e["type"] == "bench-probe" else task(e), name=str(i))
               for i, e in enumerate(tasks)]
    await asyncio.gather(*running)


asyncio.run(main(sys.argv[1]))
