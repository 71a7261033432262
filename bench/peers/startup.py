"""startup: the bench times this process from its start until the first task body prints the line."""
import asyncio

MARKER = "bench-probe: first task body ran"


async def first():
    print(MARKER, flush=True)
    await asyncio.sleep(3600)  # the bench ends the process once it has seen the line


async def main():
    await asyncio.create_task(first())


asyncio.run(main())
