"""Intentionally broken Python: missing colon, unclosed bracket, bad indent."""
import json
from dataclasses import dataclass


@dataclass
class Reading:
    sensor: str
    celsius: float


def parse(line: str) -> Reading:
    data = json.loads(line)
    return Reading(data["sensor"], float(data["celsius"]))


# ERROR: missing colon after the def line
def average(readings: list[Reading]) -> float
    return sum(r.celsius for r in readings) / len(readings)


class Monitor:
    def __init__(self, limit: float = 30.0) -> None:
        self.limit = limit
        self.alerts = [

    # ERROR: the list above is never closed
    def check(self, reading: Reading) -> bool:
        if reading.celsius > self.limit:
            self.alerts.append(reading)
            return True
        return False

  # ERROR: dedent to a level that does not match any outer block
      def reset(self) -> None:
        self.alerts.clear()


def fine() -> str:
    return "this function is valid"
