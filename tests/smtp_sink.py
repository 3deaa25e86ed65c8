"""A real SMTP server on loopback for the tests: aiosmtpd, keeping each message as a file.

Usage: smtp_sink.py PORT MAILDIR. Prints "ready" once it accepts connections and runs
until its standard input is closed.
"""

import pathlib
import sys

from aiosmtpd.controller import Controller


class KeepMessages:
    def __init__(self, maildir: pathlib.Path):
        self.maildir = maildir
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        partial = self.maildir / f".{self.count}.partial"
        partial.write_bytes(envelope.original_content or envelope.content)
        partial.rename(self.maildir / f"{self.count:04d}.eml")
        return "250 Message accepted for delivery"


def main() -> None:
    port, maildir = int(sys.argv[1]), pathlib.Path(sys.argv[2])
    maildir.mkdir(parents=True, exist_ok=True)
    controller = Controller(KeepMessages(maildir), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
