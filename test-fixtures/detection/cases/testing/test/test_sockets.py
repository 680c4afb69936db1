import socket

from test.support import socket_helper

HAVE_UNIX = hasattr(socket, "AF_UNIX")
assert isinstance(HAVE_UNIX, bool)  # expect-no-pattern: testing/bare-assert


def test_bind_unix_socket(tmp_path):
    sock = socket.socket(socket.AF_UNIX)
    socket_helper.bind_unix_socket(sock, str(tmp_path / "s"))
    assert sock.getsockname() == str(tmp_path / "s")  # expect-pattern: testing/bare-assert
