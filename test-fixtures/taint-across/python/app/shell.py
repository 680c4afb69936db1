import os
import subprocess


def run(command, retries=1):
    return subprocess.check_output(command, shell=True)  # drift-expect: flow os_command


def run_fixed(command):
    os.system(command)


def walk(folder, depth):
    if depth > 0:
        walk(folder, depth - 1)
    os.system("ls " + folder)  # drift-expect: flow os_command
