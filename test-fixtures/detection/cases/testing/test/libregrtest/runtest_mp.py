"""The regression-test runner's worker pool."""
PROGRESS_UPDATE = 30.0
MAIN_PROCESS_TIMEOUT = 5 * 60.0
assert MAIN_PROCESS_TIMEOUT >= PROGRESS_UPDATE  # expect-no-pattern: testing/bare-assert


def get_worker(workers, index):
    assert 0 <= index < len(workers)  # expect-no-pattern: testing/bare-assert
    return workers[index]
