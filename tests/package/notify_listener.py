"""Stands in for systemd's notify socket: appends every sd_notify datagram it receives
to OUT, one message per line, until killed. Usage: notify_listener.py SOCKET OUT"""
import os
import socket
import sys

path, out = sys.argv[1], sys.argv[2]
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(path)
os.chmod(path, 0o777)  # the node runs as the seckill user
open(out, "a").close()
while True:
    data = s.recv(4096).decode(errors="replace").replace("\n", " ")
    with open(out, "a") as f:
        f.write(data + "\n")
