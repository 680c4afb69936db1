import asyncio
import re
import time
from functools import lru_cache

import requests


@lru_cache(maxsize=256) # expect-pattern: performance/memoization
def parse_rate(text):
    return float(text)


@property # expect-no-pattern: performance/memoization
def rate(self):
    return self._rate


async def refresh(urls): # expect-pattern: performance/blocking-call-in-async
    for url in urls:
        requests.get(url, timeout=5)
        time.sleep(1)


def refresh_sync(urls): # expect-no-pattern: performance/blocking-call-in-async
    for url in urls:
        requests.get(url, timeout=5)


async def gather_all(urls):
    return await asyncio.gather(*(fetch(u) for u in urls)) # expect-pattern: performance/concurrent-await


async def first(urls):
    return await asyncio.wait_for(fetch(urls[0]), timeout=5) # expect-no-pattern: performance/concurrent-await


async def fetch_each(urls):
    results = []
    # expect-pattern: performance/await-in-loop
    for url in urls:
        results.append(await fetch(url))
    return results


async def throttled(urls):
    # expect-no-pattern: performance/await-in-loop
    for url in urls:
        await fetch(url)
        await asyncio.sleep(0.5)


def words(lines):
    found = []
    # Python's re module caches compiled patterns: not reported.
    for line in lines: # expect-no-pattern: performance/regex-compile-in-loop
        pattern = re.compile(r"\w+") # expect-no-pattern: performance/regex-compile-in-loop
        found.extend(pattern.findall(line))
    return found


WORD = re.compile(r"\w+") # expect-no-pattern: performance/regex-compile-in-loop


def report(rows):
    out = ""
    for row in rows:
        out += f"{row.name}: {row.total}\n" # expect-pattern: performance/string-concat-in-loop
    total = 0
    for row in rows:
        total += row.total # expect-no-pattern: performance/string-concat-in-loop
    return out, total
