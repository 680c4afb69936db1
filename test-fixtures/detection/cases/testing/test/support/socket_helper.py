"""Helpers shared by the socket tests (a support library, not a test module)."""
import socket


def bind_unix_socket(sock, addr):
    assert sock.family == socket.AF_UNIX  # expect-no-pattern: testing/bare-assert
    sock.bind(addr)
