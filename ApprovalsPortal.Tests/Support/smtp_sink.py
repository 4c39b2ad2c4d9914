# A loopback SMTP server for the tests (Debian's python3-aiosmtpd). Each accepted message is written as an .eml
# file into the given folder. Recipients starting with "reject-permanent" get a 550 reply and those starting with
# "reject-temporary" a 451 reply, and senders starting with "reject-sender" a 550, so the tests see each kind of failure. It stops when its stdin closes.
import os
import sys
import uuid

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder):
        self.folder = folder

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if address.startswith("reject-sender"):
            return "550 5.7.1 Sender not allowed"
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("reject-permanent"):
            return "550 5.1.1 Mailbox unavailable"
        if address.startswith("reject-temporary"):
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        path = os.path.join(self.folder, uuid.uuid4().hex + ".eml")
        with open(path + ".tmp", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.replace(path + ".tmp", path)
        return "250 Message accepted"


host, port, folder = sys.argv[1], int(sys.argv[2]), sys.argv[3]
# A minute to come up (its default is 5 s, too short on a busy machine), and a fixed name to greet with, so no
# connection waits on a DNS lookup of this machine's name.
controller = Controller(Sink(folder), hostname=host, port=port, ready_timeout=60, server_hostname="localhost")
controller.start()
print("ready", flush=True)
try:
    sys.stdin.read()
finally:
    controller.stop()
